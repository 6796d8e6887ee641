package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What survives a lost connection: the session, its ephemerals and its watches. After a reconnect
 * the client re-sends its watches with the last zxid it saw (SetWatches), and the server must fire
 * at once every watch whose node changed in between — the only way a client learns of changes made
 * while it was away. Connections are cut by restarting the server or by a {@link TcpProxy}.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class ReconnectIT {

    @Test
    void serverRestartKeepsDataSessionsEphemeralsAndWatches(TestServer server, ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper a = clients.connect(watcher);
        String path = UniquePaths.unique("restart");
        a.create(path, "kept".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        a.create(path + "-eph", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        long sessionId = a.getSessionId();
        a.getData(path, true, null);

        server.restart();
        watcher.awaitState(KeeperState.Disconnected);
        watcher.awaitState(KeeperState.SyncConnected);

        assertEquals(sessionId, a.getSessionId());
        Stat ephemeral = a.exists(path + "-eph", false);
        assertEquals(sessionId, ephemeral.getEphemeralOwner(), "the session and its ephemeral survived the restart");
        assertArrayEquals("kept".getBytes(UTF_8), a.getData(path, false, null));

        ZooKeeper b = clients.connect();
        b.setData(path, "changed".getBytes(UTF_8), -1);
        watcher.nextNodeEvent(EventType.NodeDataChanged, path);
    }

    @Test
    void changesMissedWhileDisconnectedFireRightAfterReconnect(TestServer server, ZkClients clients) throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.clientPort())) {
            RecordingWatcher watcher = new RecordingWatcher();
            ZooKeeper a = clients.connect(proxy.connectString(), ZkClients.SESSION_TIMEOUT_MILLIS_DEFAULT, watcher);
            ZooKeeper b = clients.connect();
            String base = UniquePaths.unique("missed");
            b.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            b.create(base + "/changed", "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            b.create(base + "/deleted", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            b.create(base + "/parent", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            b.create(base + "/quiet", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

            a.getData(base + "/changed", true, null);
            a.exists(base + "/deleted", true);
            a.exists(base + "/created", true);
            a.getChildren(base + "/parent", true);
            a.getData(base + "/quiet", true, null);

            proxy.freeze();
            watcher.awaitState(KeeperState.Disconnected);
            b.setData(base + "/changed", "v1".getBytes(UTF_8), -1);
            b.delete(base + "/deleted", -1);
            b.create(base + "/created", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            b.create(base + "/parent/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            proxy.thaw();
            watcher.awaitState(KeeperState.SyncConnected);

            Set<String> events = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                WatchedEvent event = watcher.nextNodeEvent();
                events.add(event.getType() + " " + event.getPath());
            }
            assertEquals(Set.of(
                    "NodeDataChanged " + base + "/changed",
                    "NodeDeleted " + base + "/deleted",
                    "NodeCreated " + base + "/created",
                    "NodeChildrenChanged " + base + "/parent"), events);
            ZkClients.awaitEventThread(a);
            assertEquals(List.of(), watcher.drainNodeEvents(), "the unchanged node's watch stays armed and silent");

            b.setData(base + "/quiet", "now".getBytes(UTF_8), -1);
            watcher.nextNodeEvent(EventType.NodeDataChanged, base + "/quiet");
        }
    }

    @Test
    void persistentWatchesAreReRegisteredAfterReconnect(TestServer server, ZkClients clients) throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.clientPort())) {
            RecordingWatcher connection = new RecordingWatcher();
            RecordingWatcher recursive = new RecordingWatcher();
            ZooKeeper a = clients.connect(proxy.connectString(), ZkClients.SESSION_TIMEOUT_MILLIS_DEFAULT, connection);
            ZooKeeper b = clients.connect();
            String base = UniquePaths.unique("persistent-reconnect");
            b.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            a.addWatch(base, recursive, AddWatchMode.PERSISTENT_RECURSIVE);

            long sessionId = a.getSessionId();
            proxy.freeze();
            connection.awaitState(KeeperState.Disconnected);
            proxy.thaw();
            connection.awaitState(KeeperState.SyncConnected);
            assertEquals(sessionId, a.getSessionId());
            // The client re-registers its watches right behind the handshake, but SyncConnected can
            // arrive before the server has read them, and a persistent watch replays nothing it
            // missed; a's own round trip, behind its SetWatches on the same connection, closes the gap.
            a.exists(base, false);

            b.create(base + "/after", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            recursive.nextNodeEvent(EventType.NodeCreated, base + "/after");
            b.setData(base + "/after", "x".getBytes(UTF_8), -1);
            recursive.nextNodeEvent(EventType.NodeDataChanged, base + "/after");
        }
    }
}
