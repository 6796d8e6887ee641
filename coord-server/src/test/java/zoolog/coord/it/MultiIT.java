package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.OpResult.CreateResult;
import org.apache.zookeeper.OpResult.ErrorResult;
import org.apache.zookeeper.OpResult.GetChildrenResult;
import org.apache.zookeeper.OpResult.GetDataResult;
import org.apache.zookeeper.OpResult.SetDataResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code multi} (all-or-nothing writes, the basis of Kafka's conditional updates and Curator
 * transactions) and {@code multiRead}. On failure the client must learn which operation failed:
 * the results list reports OK for the operations before it, the error itself, and
 * RuntimeInconsistency for the ones after.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class MultiIT {

    @Test
    void successfulMultiAppliesEveryOperationAndReportsEachResult(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String base = UniquePaths.unique("multi-ok");
        zk.create(base, "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.check(base, 0),
                Op.create(base + "/a", "a".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(base + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData(base, "v1".getBytes(UTF_8), 0),
                Op.delete(base + "/a", 0)));

        assertEquals(5, results.size());
        assertInstanceOf(OpResult.CheckResult.class, results.get(0));
        assertEquals(base + "/a", ((CreateResult) results.get(1)).getPath());
        assertEquals(base + "/s-0000000001", ((CreateResult) results.get(2)).getPath());
        Stat afterSet = ((SetDataResult) results.get(3)).getStat();
        assertEquals(1, afterSet.getVersion());
        assertInstanceOf(OpResult.DeleteResult.class, results.get(4));

        assertArrayEquals("v1".getBytes(UTF_8), zk.getData(base, false, null));
        assertEquals(List.of("s-0000000001"), zk.getChildren(base, false));
        // All operations of one multi share a single zxid.
        Stat child = zk.exists(base + "/s-0000000001", false);
        assertEquals(afterSet.getMzxid(), child.getCzxid());
    }

    @Test
    void failedMultiChangesNothingAndPinpointsTheFailingOperation(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String base = UniquePaths.unique("multi-fail");
        zk.create(base, "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat before = zk.exists(base, false);

        List<Op> ops = List.of(
                Op.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(base, "v1".getBytes(UTF_8), 0),
                Op.check(base, 7),
                Op.create(base + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        KeeperException thrown = assertThrows(KeeperException.class, () -> zk.multi(ops));
        assertEquals(Code.BADVERSION, thrown.code());

        List<OpResult> results = thrown.getResults();
        assertEquals(4, results.size());
        assertEquals(Code.OK.intValue(), ((ErrorResult) results.get(0)).getErr());
        assertEquals(Code.OK.intValue(), ((ErrorResult) results.get(1)).getErr());
        assertEquals(Code.BADVERSION.intValue(), ((ErrorResult) results.get(2)).getErr());
        assertEquals(Code.RUNTIMEINCONSISTENCY.intValue(), ((ErrorResult) results.get(3)).getErr());

        assertNull(zk.exists(base + "/a", false));
        assertNull(zk.exists(base + "/b", false));
        assertEquals(before, zk.exists(base, false), "rolled back: not even the cversion moved");
        // The rolled-back create did not consume a sequence number either.
        assertEquals(base + "/s-0000000000", zk.create(base + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
    }

    @Test
    void laterOperationsSeeTheEffectsOfEarlierOnes(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String base = UniquePaths.unique("multi-chain");
        zk.multi(List.of(
                Op.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(base + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.setData(base + "/child", "x".getBytes(UTF_8), 0),
                Op.check(base + "/child", 1)));
        assertEquals(1, zk.exists(base + "/child", false).getVersion());

        KeeperException thrown = assertThrows(KeeperException.class, () -> zk.multi(List.of(
                Op.delete(base + "/child", -1),
                Op.delete(base + "/child", -1))));
        assertEquals(Code.NONODE, thrown.code());
        assertNotNull(zk.exists(base + "/child", false));
    }

    @Test
    void multiReadReturnsPerOperationResultsIncludingErrors(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String base = UniquePaths.unique("multi-read");
        zk.create(base, "root".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(base + "/x", "x".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        List<OpResult> results = zk.multi(List.of(
                Op.getData(base),
                Op.getChildren(base),
                Op.getData(base + "/missing"),
                Op.getData(base + "/x")));

        // Unlike multi, a failed read does not fail the others and nothing is thrown.
        assertEquals(4, results.size());
        GetDataResult root = (GetDataResult) results.get(0);
        assertArrayEquals("root".getBytes(UTF_8), root.getData());
        assertEquals(1, root.getStat().getNumChildren());
        assertEquals(List.of("x"), ((GetChildrenResult) results.get(1)).getChildren());
        assertEquals(Code.NONODE.intValue(), ((ErrorResult) results.get(2)).getErr());
        assertArrayEquals("x".getBytes(UTF_8), ((GetDataResult) results.get(3)).getData());
    }

    @Test
    void transactionBuilderCommitsAtomically(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String base = UniquePaths.unique("multi-txn");
        List<OpResult> results = zk.transaction()
                .create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)
                .create(base + "/eph", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL)
                .commit();
        assertEquals(2, results.size());
        assertEquals(zk.getSessionId(), zk.exists(base + "/eph", false).getEphemeralOwner());
    }
}
