package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.StatsTrack;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Soft quotas as the seed shows them: {@code setquota -n|-b} writes limits under
 * {@code /zookeeper/quota/<path>/zookeeper_limits}, the server keeps
 * {@code .../zookeeper_stats} up to date (count includes the node itself, bytes sum the data of
 * the subtree), and exceeding a soft limit never fails a request. The warning the server logs is
 * checked through {@link TestServer#verifyCountQuotaExceededWarning}, because only the server can
 * see its log.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class QuotaIT {

    @Test
    void exceedingASoftCountQuotaStillSucceedsAndIsCounted(TestServer server, ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        ZkCli cli = new ZkCli(zk);
        String quota = UniquePaths.unique("q");
        zk.create(quota, "sswang".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), cli.run("setquota -n 2 " + quota));
        assertNotNull(zk.exists("/zookeeper/quota" + quota + "/zookeeper_limits", false));

        for (int i = 1; i <= 3; i++) {
            zk.create(quota + "/child" + i, "1".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        assertEquals(3, zk.getChildren(quota, false).size(), "a soft quota never refuses a create");
        server.verifyCountQuotaExceededWarning(quota, 3, 2);

        assertEquals("count=4,bytes=9", stats(zk, quota));
        List<String> listing = cli.run("listquota " + quota);
        assertEquals("Output stat for " + quota + " count=4,bytes=9", listing.get(listing.size() - 1));

        zk.delete(quota + "/child3", -1);
        assertEquals("count=3,bytes=8", stats(zk, quota));
    }

    @Test
    void byteQuotaTracksDataChangesInTheSubtree(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        ZkCli cli = new ZkCli(zk);
        String quota = UniquePaths.unique("qb");
        zk.create(quota, "sswang".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertEquals(List.of(), cli.run("setquota -b 8 " + quota));
        assertEquals("count=1,bytes=6", stats(zk, quota));

        zk.setData(quota, "777777779".getBytes(UTF_8), -1);
        assertEquals("count=1,bytes=9", stats(zk, quota));
        zk.create(quota + "/deep", "abc".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(quota + "/deep/er", "de".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertEquals("count=3,bytes=14", stats(zk, quota));
    }

    @Test
    void delquotaRemovesTheLimit(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        ZkCli cli = new ZkCli(zk);
        String quota = UniquePaths.unique("qd");
        zk.create(quota, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        cli.run("setquota -n 5 " + quota);
        assertEquals(5, new StatsTrack(zk.getData("/zookeeper/quota" + quota + "/zookeeper_limits", false, null)).getCount());

        assertEquals(List.of(), cli.run("delquota -n " + quota));
        assertEquals(-1, new StatsTrack(zk.getData("/zookeeper/quota" + quota + "/zookeeper_limits", false, null)).getCount());
    }

    /** The server-maintained usage of {@code path}, as {@code count=..,bytes=..}. */
    private static String stats(ZooKeeper zk, String path) throws Exception {
        return new String(zk.getData("/zookeeper/quota" + path + "/zookeeper_stats", false, null), UTF_8);
    }
}
