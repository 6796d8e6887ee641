package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Watch semantics as clients rely on them: standard watches fire once, each client gets one event
 * per change, an event reaches the client before any reply that shows the change, persistent and
 * persistent-recursive watches keep firing, and watches can be checked and removed. Every test
 * watches from session A and changes from session B; "no event" is asserted after
 * {@link ZkClients#awaitEventThread}, which is a protocol-level guarantee, not a timing guess.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class WatchIT {

    @Test
    void dataWatchFiresOnceForManyChanges(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect(watcher);
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-data");
        b.create(path, "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.getData(path, true, null);
        b.setData(path, "1".getBytes(UTF_8), -1);
        b.setData(path, "2".getBytes(UTF_8), -1);
        b.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        watcher.nextNodeEvent(EventType.NodeDataChanged, path);
        ZkClients.awaitEventThread(a);
        assertEquals(List.of(), watcher.drainNodeEvents(), "a standard watch is one-shot; a child change is not a data change");
    }

    @Test
    void existsWatchOnAMissingNodeFiresWhenItIsCreated(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect(watcher);
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-exists");

        assertNull(a.exists(path, true));
        b.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        watcher.nextNodeEvent(EventType.NodeCreated, path);

        a.exists(path, true);
        b.delete(path, -1);
        watcher.nextNodeEvent(EventType.NodeDeleted, path);
    }

    @Test
    void childWatchFiresForMembershipChangesOnly(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect(watcher);
        ZooKeeper b = clients.connect();
        String parent = UniquePaths.unique("watch-children");
        b.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        b.create(parent + "/one", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.getChildren(parent, true);
        b.setData(parent + "/one", "x".getBytes(UTF_8), -1);
        b.setData(parent, "x".getBytes(UTF_8), -1);
        ZkClients.awaitEventThread(a);
        assertEquals(List.of(), watcher.drainNodeEvents(), "data changes of the parent or a child do not fire a child watch");

        b.create(parent + "/two", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        watcher.nextNodeEvent(EventType.NodeChildrenChanged, parent);
        assertEquals(2, a.getChildren(parent, true).size());
        b.delete(parent + "/two", -1);
        watcher.nextNodeEvent(EventType.NodeChildrenChanged, parent);
    }

    @Test
    void deleteFiresOneNodeDeletedPerWatcherAndChildChangeOnTheParent(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect(watcher);
        ZooKeeper b = clients.connect();
        String parent = UniquePaths.unique("watch-delete");
        String path = parent + "/node";
        b.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        b.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.getData(path, true, null);
        a.exists(path, true);
        a.getChildren(path, true);
        a.getChildren(parent, true);
        b.delete(path, -1);

        ZkClients.awaitEventThread(a);
        List<String> events = watcher.drainNodeEvents().stream().map(e -> e.getType() + " " + e.getPath()).toList();
        assertEquals(2, events.size(), events.toString());
        assertTrue(events.containsAll(List.of("NodeDeleted " + path, "NodeChildrenChanged " + parent)), events.toString());
    }

    @Test
    void theEventArrivesBeforeTheReplyThatShowsTheChange(ZkClients clients) throws Exception {
        List<WatchedEvent> seen = new CopyOnWriteArrayList<>();
        Watcher recording = seen::add;
        ZooKeeper a = clients.connect();
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-order");
        b.create(path, "old".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.getData(path, recording, null);
        b.setData(path, "new".getBytes(UTF_8), -1);

        // The callback runs on A's single event thread, in the order the server's packets arrived.
        // Having read "new", it must already have seen the watch event for that change.
        CompletableFuture<String> observation = new CompletableFuture<>();
        a.getData(path, false, (rc, p, ctx, data, stat) ->
                observation.complete(new String(data, UTF_8) + " after " + seen.size() + " event(s)"), null);
        assertEquals("new after 1 event(s)", observation.get(RecordingWatcher.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(EventType.NodeDataChanged, seen.get(0).getType());
    }

    @Test
    void persistentWatchKeepsFiringForTheNodeAndItsChildren(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect();
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-persistent");

        a.addWatch(path, watcher, AddWatchMode.PERSISTENT);
        b.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.nextNodeEvent(EventType.NodeCreated, path);
        b.setData(path, "1".getBytes(UTF_8), -1);
        watcher.nextNodeEvent(EventType.NodeDataChanged, path);
        b.setData(path, "2".getBytes(UTF_8), -1);
        watcher.nextNodeEvent(EventType.NodeDataChanged, path);
        b.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.nextNodeEvent(EventType.NodeChildrenChanged, path);
        b.setData(path + "/child", "x".getBytes(UTF_8), -1);
        b.delete(path + "/child", -1);
        watcher.nextNodeEvent(EventType.NodeChildrenChanged, path);
        b.delete(path, -1);
        watcher.nextNodeEvent(EventType.NodeDeleted, path);
        b.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.nextNodeEvent(EventType.NodeCreated, path);
        ZkClients.awaitEventThread(a);
        assertEquals(List.of(), watcher.drainNodeEvents(), "a child's data change is not reported");
    }

    @Test
    void persistentRecursiveWatchSeesEveryDescendantButNoChildEvents(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect();
        ZooKeeper b = clients.connect();
        String base = UniquePaths.unique("watch-recursive");
        b.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.addWatch(base, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
        b.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        b.create(base + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        b.setData(base + "/a/b", "x".getBytes(UTF_8), -1);
        b.setData(base + "/a/b", "y".getBytes(UTF_8), -1);
        b.delete(base + "/a/b", -1);
        b.setData(base, "z".getBytes(UTF_8), -1);

        watcher.nextNodeEvent(EventType.NodeCreated, base + "/a");
        watcher.nextNodeEvent(EventType.NodeCreated, base + "/a/b");
        watcher.nextNodeEvent(EventType.NodeDataChanged, base + "/a/b");
        watcher.nextNodeEvent(EventType.NodeDataChanged, base + "/a/b");
        watcher.nextNodeEvent(EventType.NodeDeleted, base + "/a/b");
        watcher.nextNodeEvent(EventType.NodeDataChanged, base);
        ZkClients.awaitEventThread(a);
        assertEquals(List.of(), watcher.drainNodeEvents(), "recursive watches never send NodeChildrenChanged");
    }

    @Test
    void removedWatchesNoLongerFireAndRemovingTwiceAnswersNoWatcher(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect();
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-remove");
        b.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        a.getData(path, watcher, null);
        a.getChildren(path, watcher);
        a.removeWatches(path, watcher, WatcherType.Data, false);
        // The client itself tells the watcher that its registration is gone.
        watcher.nextNodeEvent(EventType.DataWatchRemoved, path);

        b.setData(path, "x".getBytes(UTF_8), -1);
        b.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        watcher.nextNodeEvent(EventType.NodeChildrenChanged, path);
        ZkClients.awaitEventThread(a);
        assertEquals(List.of(), watcher.drainNodeEvents(), "the removed data watch did not fire");

        KeeperException thrown = assertThrows(KeeperException.class,
                () -> a.removeWatches(path, watcher, WatcherType.Data, false));
        assertEquals(Code.NOWATCHER, thrown.code());
    }

    @Test
    void serverChecksAndRemovesWatchesPerConnection(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        RawZooKeeper raw = clients.connectRaw();
        ZooKeeper b = clients.connect();
        String path = UniquePaths.unique("watch-raw");
        b.create(path, "v".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        assertEquals(Code.NOWATCHER.intValue(), checkWatches(raw, path, WatcherType.Any));
        assertArrayEquals("v".getBytes(UTF_8), raw.getData(path, watcher, null));
        assertEquals(Code.OK.intValue(), checkWatches(raw, path, WatcherType.Data));
        assertEquals(Code.OK.intValue(), checkWatches(raw, path, WatcherType.Any));
        assertEquals(Code.NOWATCHER.intValue(), checkWatches(raw, path, WatcherType.Children));

        RemoveWatchesRequest remove = new RemoveWatchesRequest(path, WatcherType.Data.getIntValue());
        assertEquals(Code.OK.intValue(), raw.submit(OpCode.removeWatches, remove, null));
        assertEquals(Code.NOWATCHER.intValue(), checkWatches(raw, path, WatcherType.Data));
        assertEquals(Code.NOWATCHER.intValue(), raw.submit(OpCode.removeWatches, remove, null));

        b.setData(path, "w".getBytes(UTF_8), -1);
        ZkClients.awaitEventThread(raw);
        assertEquals(List.of(), watcher.drainNodeEvents(), "the server removed the watch, so it sends nothing");
    }

    private static int checkWatches(RawZooKeeper raw, String path, WatcherType type) throws InterruptedException {
        return raw.submit(OpCode.checkWatches, new CheckWatchesRequest(path, type.getIntValue()), null);
    }
}
