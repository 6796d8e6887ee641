package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static zoolog.coord.it.ZkAssertions.assertThrowsCode;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetDataResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The error code a client gets for each kind of failed request. Clients branch on these codes
 * (Curator retries on some, treats NodeExists as success on others), so each must be exact.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class ErrorCodesIT {

    /** 1 MiB: the documented znode size limit; the request frame also carries header and path. */
    private static final int ONE_MEBIBYTE = 1024 * 1024;

    @Test
    void missingNodesAnswerNoNode(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String missing = UniquePaths.unique("missing");
        assertThrowsCode(Code.NONODE, () -> zk.getData(missing, false, null));
        assertThrowsCode(Code.NONODE, () -> zk.setData(missing, new byte[1], -1));
        assertThrowsCode(Code.NONODE, () -> zk.delete(missing, -1));
        assertThrowsCode(Code.NONODE, () -> zk.getChildren(missing, false));
        assertThrowsCode(Code.NONODE, () -> zk.getACL(missing, null));
        assertThrowsCode(Code.NONODE, () -> zk.create(missing + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertNull(zk.exists(missing, false), "exists answers null, not NoNode");
    }

    @Test
    void creatingAnExistingNodeAnswersNodeExists(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("exists");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThrowsCode(Code.NODEEXISTS, () -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
        assertThrowsCode(Code.NODEEXISTS, () -> zk.create("/zookeeper", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrowsCode(Code.NODEEXISTS, () -> zk.create("/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    }

    @Test
    void deletingANodeWithChildrenAnswersNotEmpty(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("not-empty");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertThrowsCode(Code.NOTEMPTY, () -> zk.delete(path, -1));
        assertNotNull(zk.exists(path, false));
    }

    @Test
    void conditionalWritesWithAStaleVersionAnswerBadVersion(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("versions");
        zk.create(path, "a".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.setData(path, "b".getBytes(UTF_8), 0);

        assertThrowsCode(Code.BADVERSION, () -> zk.setData(path, "c".getBytes(UTF_8), 0));
        assertThrowsCode(Code.BADVERSION, () -> zk.setData(path, "c".getBytes(UTF_8), 8));
        assertThrowsCode(Code.BADVERSION, () -> zk.delete(path, 0));
        assertThrowsCode(Code.BADVERSION, () -> zk.setACL(path, Ids.READ_ACL_UNSAFE, 1));
        assertEquals(1, zk.exists(path, false).getVersion(), "failed writes change nothing");

        // -1 matches any version.
        assertEquals(2, zk.setData(path, "c".getBytes(UTF_8), -1).getVersion());
        zk.delete(path, 2);
        assertNull(zk.exists(path, false));
    }

    @Test
    void ephemeralNodesCannotHaveChildren(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("ephemeral-parent");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertThrowsCode(Code.NOCHILDRENFOREPHEMERALS,
                () -> zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrowsCode(Code.NOCHILDRENFOREPHEMERALS,
                () -> zk.create(path + "/seq-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));
    }

    /**
     * The official client refuses these paths itself (IllegalArgumentException) and never sends
     * them; clients that do not validate get BadArguments from the server. {@code {base}} is an
     * existing node: Apache ZooKeeper looks the parent up before it validates the whole path, so
     * a create whose parent is itself malformed (e.g. {@code /a//b}) answers NoNode instead.
     */
    @ParameterizedTest
    @ValueSource(strings = {"relative", "{base}/", "{base}/.", "{base}/.."})
    void createWithAnInvalidPathAnswersBadArguments(String pattern, ZkClients clients) throws Exception {
        RawZooKeeper raw = clients.connectRaw();
        String base = UniquePaths.unique("bad-create");
        raw.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String path = pattern.replace("{base}", base);

        CreateRequest create = new CreateRequest(path, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT.toFlag());
        assertEquals(Code.BADARGUMENTS.intValue(), raw.submit(OpCode.create, create, new CreateResponse()), "create " + path);
        assertEquals(List.of(), raw.getChildren(base, false), "nothing was created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relative", "{base}/", "{base}//child", "{base}/.", "{base}/..", "{base}/./child"})
    void setDataWithAnInvalidPathAnswersBadArguments(String pattern, ZkClients clients) throws Exception {
        RawZooKeeper raw = clients.connectRaw();
        String base = UniquePaths.unique("bad-set");
        raw.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        raw.create(base + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        String path = pattern.replace("{base}", base);

        SetDataRequest setData = new SetDataRequest(path, "x".getBytes(UTF_8), -1);
        assertEquals(Code.BADARGUMENTS.intValue(), raw.submit(OpCode.setData, setData, new SetDataResponse()), "setData " + path);
        assertEquals(0, raw.exists(base, false).getVersion());
        assertEquals(0, raw.exists(base + "/child", false).getVersion());
    }

    @Test
    void reservedNodesCannotBeDeleted(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        // Apache ZooKeeper answers BadArguments for its special paths, not NotEmpty or NoAuth.
        assertThrowsCode(Code.BADARGUMENTS, () -> zk.delete("/zookeeper", -1));
        assertThrowsCode(Code.BADARGUMENTS, () -> zk.delete("/zookeeper/quota", -1));
        assertThrowsCode(Code.BADARGUMENTS, () -> zk.delete("/zookeeper/config", -1));
        assertNotNull(zk.exists("/zookeeper", false));
    }

    @Test
    void dataOfOneMebibyteIsRefusedByDroppingTheConnection(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper zk = clients.connect(watcher);
        String small = UniquePaths.unique("big-ok");
        String big = UniquePaths.unique("big-refused");

        // Just under the limit (jute.maxbuffer = 0xfffff bytes per request frame) is fine.
        zk.create(small, new byte[1_000_000], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(1_000_000, zk.exists(small, false).getDataLength());

        // Apache ZooKeeper does not answer an error code: it reads the frame length, finds it
        // larger than jute.maxbuffer and closes the connection. The client reports ConnectionLoss
        // and reconnects to the same session, which is unharmed.
        KeeperException thrown = assertThrows(KeeperException.class,
                () -> zk.create(big, new byte[ONE_MEBIBYTE], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertEquals(Code.CONNECTIONLOSS, thrown.code());
        watcher.awaitState(KeeperState.SyncConnected);
        assertNull(zk.exists(big, false));
        KeeperException setThrown = assertThrows(KeeperException.class, () -> zk.setData(small, new byte[ONE_MEBIBYTE], -1));
        assertEquals(Code.CONNECTIONLOSS, setThrown.code());
        watcher.awaitState(KeeperState.SyncConnected);
        assertEquals(0, zk.exists(small, false).getVersion());
    }
}
