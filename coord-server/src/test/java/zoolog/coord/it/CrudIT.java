package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.coord.it.ZkAssertions.assertThrowsCode;

import java.util.List;
import java.util.Set;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Create, read, update and delete through the official Java client, with the exact {@link Stat}
 * fields clients see after each step. These are the values Curator recipes, Kafka and zkCli
 * scripts compare and print, so Zoolog must produce them field for field.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class CrudIT {

    @Test
    void reservedSystemNodesExist(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        assertNotNull(zk.exists("/zookeeper", false));
        assertNotNull(zk.exists("/zookeeper/quota", false));
        assertNotNull(zk.exists("/zookeeper/config", false));
        assertTrue(zk.getChildren("/zookeeper", false).containsAll(List.of("quota", "config")));
        assertTrue(zk.getChildren("/", false).contains("zookeeper"));
    }

    @Test
    void createReturnsTheExactInitialStat(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("stat-create");
        Stat created = new Stat();
        assertEquals(path, zk.create(path, "hello".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created));

        assertTrue(created.getCzxid() > 0);
        assertEquals(created.getCzxid(), created.getMzxid());
        // pzxid starts at the node's own creation zxid, not 0.
        assertEquals(created.getCzxid(), created.getPzxid());
        assertTrue(created.getCtime() > 0);
        assertEquals(created.getCtime(), created.getMtime());
        assertEquals(0, created.getVersion());
        assertEquals(0, created.getCversion());
        assertEquals(0, created.getAversion());
        assertEquals(0, created.getEphemeralOwner());
        assertEquals(5, created.getDataLength());
        assertEquals(0, created.getNumChildren());
        assertEquals(created, zk.exists(path, false));
    }

    @Test
    void setDataChangesOnlyTheDataFields(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("stat-set");
        Stat created = new Stat();
        zk.create(path, "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);

        Stat set = zk.setData(path, "value-1".getBytes(UTF_8), 0);
        assertEquals(created.getCzxid(), set.getCzxid());
        assertTrue(set.getMzxid() > created.getMzxid());
        assertEquals(created.getPzxid(), set.getPzxid());
        assertEquals(created.getCtime(), set.getCtime());
        assertTrue(set.getMtime() >= created.getMtime());
        assertEquals(1, set.getVersion());
        assertEquals(0, set.getCversion());
        assertEquals(7, set.getDataLength());

        // Writing identical bytes is still a write: the version moves.
        assertEquals(2, zk.setData(path, "value-1".getBytes(UTF_8), -1).getVersion());
        Stat read = new Stat();
        assertArrayEquals("value-1".getBytes(UTF_8), zk.getData(path, false, read));
        assertEquals(2, read.getVersion());
    }

    @Test
    void childCreateAndDeleteUpdateTheParentStat(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String parent = UniquePaths.unique("stat-parent");
        Stat before = new Stat();
        zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, before);

        Stat child = new Stat();
        zk.create(parent + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, child);
        Stat withChild = zk.exists(parent, false);
        assertEquals(child.getCzxid(), withChild.getPzxid());
        assertEquals(1, withChild.getCversion());
        assertEquals(1, withChild.getNumChildren());
        assertEquals(before.getMzxid(), withChild.getMzxid(), "a child create is not a data change");
        assertEquals(0, withChild.getVersion());

        zk.delete(parent + "/c", 0);
        Stat afterDelete = zk.exists(parent, false);
        Stat marker = new Stat();
        zk.create(UniquePaths.unique("stat-marker"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, marker);
        // The client-visible cversion counts child creations and deletions alike.
        assertEquals(2, afterDelete.getCversion());
        assertEquals(0, afterDelete.getNumChildren());
        assertTrue(afterDelete.getPzxid() > child.getCzxid(), "pzxid moves to the delete's zxid");
        assertTrue(afterDelete.getPzxid() < marker.getCzxid());
        assertEquals(before.getMzxid(), afterDelete.getMzxid());
    }

    @Test
    void sequentialSuffixIsTheParentsChildCreationCount(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String parent = UniquePaths.unique("seq");
        zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        // Every successful child creation, sequential or not, advances the counter.
        zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(parent + "/job-0000000001", zk.create(parent + "/job-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
        assertEquals(parent + "/lock-0000000002", zk.create(parent + "/lock-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL));

        // A failed create does not advance it; a delete does not rewind it.
        assertThrowsCode(Code.NODEEXISTS,
                () -> zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        zk.delete(parent + "/job-0000000001", -1);
        assertEquals(parent + "/job-0000000003", zk.create(parent + "/job-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));

        // A sequential path may end in '/': the name is then just the ten digits.
        assertEquals(parent + "/0000000004", zk.create(parent + "/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));

        Stat stat = zk.exists(parent, false);
        assertEquals(4, stat.getNumChildren());
        // 5 creations + 1 deletion.
        assertEquals(6, stat.getCversion());
        assertEquals(Set.of("plain", "lock-0000000002", "job-0000000003", "0000000004"), Set.copyOf(zk.getChildren(parent, false)));
    }

    @Test
    void ephemeralNodesBelongToTheirSession(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        ZooKeeper other = clients.connect();
        String prefix = UniquePaths.unique("eph");
        Stat stat = new Stat();
        zk.create(prefix + "-a", "x".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat);
        String sequential = zk.create(prefix + "-s", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        other.create(prefix + "-other", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertEquals(zk.getSessionId(), stat.getEphemeralOwner());
        assertEquals(zk.getSessionId(), other.exists(sequential, false).getEphemeralOwner());
        assertEquals(Set.of(prefix + "-a", sequential), Set.copyOf(zk.getEphemerals(prefix)));
        assertTrue(zk.getEphemerals().containsAll(List.of(prefix + "-a", sequential)));
        assertEquals(List.of(prefix + "-other"), other.getEphemerals(prefix));
    }

    @Test
    void containerAndTtlNodesShowNoEphemeralOwner(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String container = UniquePaths.unique("container");
        String ttl = UniquePaths.unique("ttl");
        Stat containerStat = new Stat();
        Stat ttlStat = new Stat();
        zk.create(container, null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, containerStat);
        zk.create(ttl, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, ttlStat, 3_600_000);
        String ttlSequential = zk.create(ttl + "-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, null, 3_600_000);

        // The server marks these kinds inside ephemeralOwner; clients must see 0.
        assertEquals(0, containerStat.getEphemeralOwner());
        assertEquals(0, ttlStat.getEphemeralOwner());
        assertEquals(0, zk.exists(container, false).getEphemeralOwner());
        assertEquals(0, zk.exists(ttl, false).getEphemeralOwner());
        assertTrue(ttlSequential.matches(ttl + "-\\d{10}"));
        assertTrue(zk.getEphemerals(container).isEmpty());
    }

    @Test
    void containerIsDeletedOnceItsLastChildIsGone(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper zk = clients.connect(watcher);
        String container = UniquePaths.unique("container-reap");
        zk.create(container, null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
        zk.create(container + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertNotNull(zk.exists(container, true));

        zk.delete(container + "/child", -1);
        watcher.nextNodeEvent(EventType.NodeDeleted, container);
        assertNull(zk.exists(container, false));
    }

    @Test
    void ttlNodeIsDeletedAfterItsTtlWithoutChildren(ZkClients clients) throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        ZooKeeper zk = clients.connect(watcher);
        String ttl = UniquePaths.unique("ttl-reap");
        zk.create(ttl, "soon gone".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, null, 200);
        assertNotNull(zk.exists(ttl, true));

        watcher.nextNodeEvent(EventType.NodeDeleted, ttl);
        assertNull(zk.exists(ttl, false));
    }

    @Test
    void nullDataAndEmptyDataStayDistinct(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String nullPath = UniquePaths.unique("data-null");
        String emptyPath = UniquePaths.unique("data-empty");
        zk.create(nullPath, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(emptyPath, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

        Stat nullStat = new Stat();
        assertNull(zk.getData(nullPath, false, nullStat));
        assertEquals(0, nullStat.getDataLength());
        Stat emptyStat = new Stat();
        assertArrayEquals(new byte[0], zk.getData(emptyPath, false, emptyStat));
        assertEquals(0, emptyStat.getDataLength());

        zk.setData(emptyPath, null, -1);
        assertNull(zk.getData(emptyPath, false, null));
    }

    @Test
    void getAllChildrenNumberCountsEveryDescendant(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String root = UniquePaths.unique("count");
        zk.create(root, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/a/b/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(root + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

        assertEquals(4, zk.getAllChildrenNumber(root));
        assertEquals(2, zk.getAllChildrenNumber(root + "/a"));
        assertEquals(0, zk.getAllChildrenNumber(root + "/d"));
    }

    @Test
    void whoAmIListsTheConnectionsIdentities(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        assertEquals(List.of("ip:127.0.0.1"), identities(zk.whoAmI()));

        zk.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
        List<String> identities = identities(zk.whoAmI());
        assertTrue(identities.contains("ip:127.0.0.1"), identities.toString());
        // whoAmI shows the digest user name, not the stored user:base64(sha1) id.
        assertTrue(identities.contains("digest:alice"), identities.toString());
        assertEquals(2, identities.size(), identities.toString());
    }

    private static List<String> identities(List<ClientInfo> infos) {
        return infos.stream().map(info -> info.getAuthScheme() + ":" + info.getUser()).toList();
    }
}
