package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The zkCli session from seed 003, replayed through Apache's own zkCli ({@code ZooKeeperMain})
 * against the server, checking the lines an operator reads: {@code Created ...}, the stat block,
 * {@code Node not empty}, {@code version No is not valid}, sequential names, quota and ACL output.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class ZkCliIT {

    @Test
    void createGetSetStatTranscript(ZkClients clients) throws Exception {
        ZkCli cli = new ZkCli(clients.connect());
        String app = UniquePaths.unique("app1");

        assertTrue(cli.run("ls /").get(0).contains("zookeeper"));
        assertEquals(List.of("Created " + app), cli.run("create " + app + " \"data\""));
        assertEquals(List.of("Node already exists: " + app), cli.run("create " + app + " data"));

        List<String> get = cli.run("get -s " + app);
        assertEquals("data", get.get(0));
        assertStatBlock(get.subList(1, get.size()), 0, 0, 4, 0);

        assertEquals(List.of("version No is not valid : " + app), cli.run("set -v 8 " + app + " data2"));
        assertEquals(List.of(), cli.run("set -v 0 " + app + " data22"));
        List<String> setWithStat = cli.run("set -s " + app + " data333");
        assertStatBlock(setWithStat, 2, 0, 7, 0);

        assertStatBlock(cli.run("stat " + app), 2, 0, 7, 0);
        assertEquals(List.of("Node does not exist: " + app + "-nihao"), cli.run("stat " + app + "-nihao"));
    }

    @Test
    void sequentialEphemeralAndDeleteTranscript(ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        ZkCli cli = new ZkCli(zk);
        String app = UniquePaths.unique("sswang");

        cli.run("create " + app + " sswang");
        assertEquals(List.of("Created " + app + "/child0000000000"), cli.run("create -s " + app + "/child c"));
        assertEquals(List.of("Created " + app + "/child0000000001"), cli.run("create -s " + app + "/child c"));
        assertEquals(List.of("Created " + app + "/nihao0000000002"), cli.run("create -s -e " + app + "/nihao nihao"));
        assertEquals(List.of("Created " + app + "/eph"), cli.run("create -e " + app + "/eph e"));
        assertEquals(List.of("Ephemerals cannot have children: " + app + "/eph/nihao"), cli.run("create " + app + "/eph/nihao n"));

        List<String> ephemeralStat = cli.run("stat " + app + "/eph");
        assertTrue(ephemeralStat.contains("ephemeralOwner = 0x" + Long.toHexString(zk.getSessionId())), ephemeralStat.toString());
        assertTrue(cli.run("stat " + app).contains("ephemeralOwner = 0x0"));

        // zkCli sorts the children it prints.
        assertEquals(List.of("[child0000000000, child0000000001, eph, nihao0000000002]"), cli.run("ls " + app));
        assertEquals(List.of("Node not empty: " + app), cli.run("delete " + app));
        assertEquals(List.of("version No is not valid : " + app + "/eph"), cli.run("delete -v 3 " + app + "/eph"));
        assertEquals(List.of(), cli.run("delete " + app + "/eph"));
        assertEquals(List.of(), cli.run("deleteall " + app));
        assertEquals(List.of("Node does not exist: " + app), cli.run("ls " + app));
    }

    @Test
    void quotaTranscript(ZkClients clients) throws Exception {
        ZkCli cli = new ZkCli(clients.connect());
        String app = UniquePaths.unique("sswang-quota");
        String name = app.substring(1);

        cli.run("create " + app + " sswang");
        assertEquals(List.of(
                "absolute path is /zookeeper/quota/" + name + "/zookeeper_limits",
                "quota for " + app + " does not exist."), cli.run("listquota " + app));
        assertEquals(List.of(), cli.run("setquota -n 2 " + app));
        // zkCli 3.9 formats the limits it wrote itself, hard limits included (the seed's 3.4 client
        // printed only "count=2,bytes=-1"); the stat line is computed by the server.
        assertEquals(List.of(
                "absolute path is /zookeeper/quota/" + name + "/zookeeper_limits",
                "Output quota for " + app + " count=2,bytes=-1=;byteHardLimit=-1;countHardLimit=-1",
                "Output stat for " + app + " count=1,bytes=6"), cli.run("listquota " + app));
    }

    @Test
    void aclTranscript(ZkClients clients) throws Exception {
        ZkCli cli = new ZkCli(clients.connect());
        String app = UniquePaths.unique("acl-cli");

        cli.run("create " + app + " data");
        assertEquals(List.of("'world,'anyone", ": cdrwa"), cli.run("getAcl " + app));
        assertEquals(List.of(), cli.run("addauth digest alice:secret"));
        assertEquals(List.of(), cli.run("setAcl " + app + " auth::cdrwa"));
        assertEquals(List.of("'digest,'alice:" + digestHash("alice:secret"), ": cdrwa"), cli.run("getAcl " + app));

        String readOnly = UniquePaths.unique("acl-cli-ro");
        cli.run("create " + readOnly + " data");
        assertEquals(List.of(), cli.run("setAcl " + readOnly + " world:anyone:r"));
        assertEquals(List.of("Insufficient permission : " + readOnly), cli.run("set " + readOnly + " other"));
        assertEquals(List.of("data"), cli.run("get " + readOnly));
    }

    private static String digestHash(String userPassword) throws Exception {
        String digest = DigestAuthenticationProvider.generateDigest(userPassword);
        return digest.substring(digest.indexOf(':') + 1);
    }

    /** The eleven lines zkCli prints for a Stat, checking the fields a transcript can predict. */
    private static void assertStatBlock(List<String> lines, int dataVersion, int cversion, int dataLength, int numChildren) {
        assertEquals(11, lines.size(), lines.toString());
        String[] keys = {"cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion",
                "ephemeralOwner", "dataLength", "numChildren"};
        for (int i = 0; i < keys.length; i++) {
            assertTrue(lines.get(i).startsWith(keys[i] + " = "), lines.get(i));
        }
        assertTrue(lines.get(0).matches("cZxid = 0x[0-9a-f]+"), lines.get(0));
        assertEquals("cversion = " + cversion, lines.get(5));
        assertEquals("dataVersion = " + dataVersion, lines.get(6));
        assertEquals("aclVersion = 0", lines.get(7));
        assertEquals("ephemeralOwner = 0x0", lines.get(8));
        assertEquals("dataLength = " + dataLength, lines.get(9));
        assertEquals("numChildren = " + numChildren, lines.get(10));
    }
}
