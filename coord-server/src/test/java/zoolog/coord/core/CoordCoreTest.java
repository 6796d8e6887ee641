package zoolog.coord.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.coord.core.CoreHarness.create;

import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.Watches;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

class CoordCoreTest {

    private final CoreHarness h = new CoreHarness();

    @Test
    void newSessionIsAnsweredOnlyAfterItsTransactionIsDurable() {
        h.step(new CoreInput.Connect(1, "127.0.0.1", 5000, new ConnectRequest(0, 0, 100_000, 0, new byte[16], false, true)));
        assertTrue(h.outputs.isEmpty(), "no ConnectResponse before the createSession txn is persisted");
        h.persistAll();
        CoreHarness.Connected connected = h.lastConnected(1);
        assertEquals(40_000, connected.response().timeoutMillis(), "timeout clamped to maxSessionTimeout");
        assertNotEquals(0, connected.response().sessionId());
        assertEquals(16, connected.response().password().length);
    }

    @Test
    void statFieldsFollowZooKeeperRules() {
        h.connect(1);
        h.call(1, create("/a", "x", CreateMode.PERSISTENT));
        long createZxid = h.logged.get(h.logged.size() - 1).getZxid();
        h.call(1, create("/a/b", "y", CreateMode.PERSISTENT));
        h.call(1, new ZkRequest.Delete("/a/b", -1));
        h.call(1, new ZkRequest.SetData("/a", "zz".getBytes(), 0));
        Stat stat = ((ZkResponse.GetData) h.call(1, new ZkRequest.GetData("/a", false)).body()).stat();
        assertEquals(createZxid, stat.czxid());
        assertEquals(1, stat.version());
        assertEquals(2, stat.cversion(), "one child created and deleted: clients see 2");
        assertEquals(0, stat.numChildren());
        assertEquals(2, stat.dataLength());
        assertEquals(createZxid + 2, stat.pzxid(), "pzxid is the zxid of the last child delete");
    }

    @Test
    void sequentialSuffixComesFromParentCversionAndIsNeverReused() {
        h.connect(1);
        h.call(1, create("/q", null, CreateMode.PERSISTENT));
        h.call(1, create("/q/x", null, CreateMode.PERSISTENT));
        ZkResponse.Create first = (ZkResponse.Create) h.call(1, create("/q/n-", null, CreateMode.PERSISTENT_SEQUENTIAL)).body();
        assertEquals("/q/n-0000000001", first.path());
        h.call(1, new ZkRequest.Delete(first.path(), -1));
        ZkResponse.Create second = (ZkResponse.Create) h.call(1, create("/q/n-", null, CreateMode.PERSISTENT_SEQUENTIAL)).body();
        assertEquals("/q/n-0000000002", second.path());
    }

    @Test
    void pipelinedWritesComposeAndRepliesKeepRequestOrder() {
        h.connect(1);
        int createXid = h.send(1, create("/p", "1", CreateMode.PERSISTENT));
        int readXid = h.send(1, new ZkRequest.GetData("/p", false));
        int setXid = h.send(1, new ZkRequest.SetData("/p", "2".getBytes(), 0));
        assertNull(h.replyTo(1, readXid), "the read waits behind the session's own unapplied write");
        h.persistAll();
        List<Integer> order = h.outputs.stream().filter(o -> o instanceof CoreHarness.Reply)
                .map(o -> ((CoreHarness.Reply) o).xid()).toList();
        assertEquals(List.of(createXid, readXid, setXid), order);
        assertArrayEquals("1".getBytes(), ((ZkResponse.GetData) h.replyTo(1, readXid).body()).data(),
                "the read sees the create but not the later setData");
        assertEquals(0, h.replyTo(1, setXid).err(), "setData version 0 was checked against the pending create");
    }

    @Test
    void aDurableTokenAppliesExactlyTheWritesPersistedUpToIt() {
        h.connect(1);
        int createXid = h.send(1, create("/d", "1", CreateMode.PERSISTENT));
        long createToken = h.lastToken;
        int setXid = h.send(1, new ZkRequest.SetData("/d", "2".getBytes(), 0));
        h.step(new CoreInput.Durable(createToken));
        assertEquals(0, h.replyTo(1, createXid).err());
        assertNull(h.replyTo(1, setXid), "the setData's token is not durable yet");
        h.step(new CoreInput.Durable(createToken));
        assertNull(h.replyTo(1, setXid), "a repeated report changes nothing");
        h.persistAll();
        assertEquals(0, h.replyTo(1, setXid).err());
    }

    @Test
    void watchEventPrecedesTheReplyThatRevealsTheChange() {
        h.connect(1);
        h.connect(2);
        h.call(1, create("/w", "a", CreateMode.PERSISTENT));
        h.call(1, new ZkRequest.GetData("/w", true));
        int setXid = h.send(2, new ZkRequest.SetData("/w", "b".getBytes(), -1));
        h.persistAll();
        int notificationIndex = -1;
        int replyIndex = -1;
        for (int i = 0; i < h.outputs.size(); i++) {
            if (h.outputs.get(i) instanceof CoreHarness.Notification n && n.connectionId() == 1) {
                assertEquals(Watches.EVENT_NODE_DATA_CHANGED, n.event().type());
                notificationIndex = i;
            }
            if (h.outputs.get(i) instanceof CoreHarness.Reply r && r.connectionId() == 2 && r.xid() == setXid) {
                replyIndex = i;
            }
        }
        assertTrue(notificationIndex >= 0 && notificationIndex < replyIndex);
        h.call(2, new ZkRequest.SetData("/w", "c".getBytes(), -1));
        long events = h.outputs.stream().filter(o -> o instanceof CoreHarness.Notification).count();
        assertEquals(1, events, "data watches are one-shot");
    }

    @Test
    void failedMultiReportsEachOpAndChangesNothing() {
        h.connect(1);
        ZkRequest.Multi multi = new ZkRequest.Multi(OpCode.MULTI, List.of(
                create("/m1", null, CreateMode.PERSISTENT),
                new ZkRequest.SetData("/missing", new byte[0], -1),
                create("/m2", null, CreateMode.PERSISTENT)));
        CoreHarness.Reply reply = h.call(1, multi);
        assertEquals(0, reply.err());
        List<ZkResponse.OpResult> results = ((ZkResponse.Multi) reply.body()).results();
        assertEquals(List.of(new ZkResponse.OpResult.Error(0), new ZkResponse.OpResult.Error(ErrorCode.NO_NODE.code()),
                new ZkResponse.OpResult.Error(ErrorCode.RUNTIME_INCONSISTENCY.code())), results);
        assertEquals(ErrorCode.NO_NODE.code(), h.call(1, new ZkRequest.Exists("/m1", false)).err());
    }

    @Test
    void expiredSessionLosesItsEphemeralsAndWatchersHearIt() {
        h.connect(1);
        h.connect(2);
        h.call(1, create("/e", null, CreateMode.EPHEMERAL));
        h.call(2, new ZkRequest.Exists("/e", true));
        h.step(new CoreInput.Disconnected(1));
        h.advanceKeepingAlive(30_000, 2);
        assertEquals(ErrorCode.NO_NODE.code(), h.call(2, new ZkRequest.Exists("/e", false)).err());
        assertTrue(h.outputs.stream().anyMatch(o -> o instanceof CoreHarness.Notification n
                && n.connectionId() == 2 && n.event().type() == Watches.EVENT_NODE_DELETED));
    }

    @Test
    void reconnectWithWrongPasswordIsTreatedAsExpired() {
        long sessionId = h.connect(1);
        h.step(new CoreInput.Connect(2, "127.0.0.1", 6000, new ConnectRequest(0, 0, 10_000, sessionId, new byte[16], false, true)));
        CoreHarness.Connected connected = h.lastConnected(2);
        assertEquals(0, connected.response().timeoutMillis());
        assertEquals(0, connected.response().sessionId());
        assertInstanceOf(CoreHarness.Closed.class, h.outputs.get(h.outputs.size() - 1));
    }

    @Test
    void ephemeralsCannotHaveChildrenAndSystemNodesCannotBeDeleted() {
        h.connect(1);
        h.call(1, create("/eph", null, CreateMode.EPHEMERAL));
        assertEquals(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS.code(),
                h.call(1, create("/eph/c", null, CreateMode.PERSISTENT)).err());
        assertEquals(ErrorCode.BAD_ARGUMENTS.code(), h.call(1, new ZkRequest.Delete("/zookeeper", -1)).err());
        assertEquals(ErrorCode.BAD_ARGUMENTS.code(), h.call(1, create("/zookeeper/", null, CreateMode.PERSISTENT)).err(),
                "the parent exists but the path ends with a slash");
    }

    @Test
    void digestAclIsEnforced() {
        h.connect(1);
        h.connect(2);
        h.call(1, new ZkRequest.Auth(0, "digest", "alice:secret".getBytes()));
        ZkRequest.Create create = new ZkRequest.Create(OpCode.CREATE, "/private", "s".getBytes(),
                List.of(new Acl(31, new zoolog.protocol.zk.Id("auth", ""))), 0, -1);
        assertEquals(0, h.call(1, create).err());
        assertEquals(ErrorCode.NO_AUTH.code(), h.call(2, new ZkRequest.GetData("/private", false)).err());
        assertEquals(0, h.call(1, new ZkRequest.GetData("/private", false)).err());
    }

    @Test
    void emptyContainerThatHadChildrenIsRemoved() {
        h.connect(1);
        h.call(1, new ZkRequest.Create(OpCode.CREATE_CONTAINER, "/c", null, Acl.OPEN_ACL_UNSAFE, 4, -1));
        h.call(1, create("/c/child", null, CreateMode.PERSISTENT));
        h.call(1, new ZkRequest.Delete("/c/child", -1));
        h.advanceKeepingAlive(61_000, 1);
        assertEquals(ErrorCode.NO_NODE.code(), h.call(1, new ZkRequest.Exists("/c", false)).err());
    }

    @Test
    void addauthWithNullFieldsFailsTheConnectionNotTheServer() {
        h.connect(1);
        h.connect(2);
        assertEquals(ErrorCode.AUTH_FAILED.code(), h.call(1, new ZkRequest.Auth(0, null, null)).err());
        assertInstanceOf(CoreHarness.Closed.class, h.outputs.get(h.outputs.size() - 1));
        assertEquals(ErrorCode.AUTH_FAILED.code(), h.call(2, new ZkRequest.Auth(0, "digest", null)).err());
        h.connect(3);
        assertEquals(0, h.call(3, new ZkRequest.Exists("/zookeeper", false)).err(), "the server keeps serving");
    }
}
