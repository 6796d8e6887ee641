package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four-letter words on the client port ({@code echo ruok | nc host 2181}), with every word
 * whitelisted: the answers monitoring scripts, {@code zkServer.sh status} and the seeds parse.
 * Each answer is read until the server closes the connection, as netcat does.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class FourLetterWordIT {

    private static final Pattern WATCH_SUMMARY = Pattern.compile("(\\d+) connections watching (\\d+) paths\\nTotal watches:(\\d+)");

    @Test
    void ruokAnswersImok(TestServer server) throws Exception {
        assertEquals("imok", FourLetterWords.send(server.clientPort(), "ruok"));
    }

    @Test
    void isroAnswersRwForAWritableServer(TestServer server) throws Exception {
        assertEquals("rw", FourLetterWords.send(server.clientPort(), "isro"));
    }

    @Test
    void srvrShowsVersionModeAndCounters(TestServer server) throws Exception {
        List<String> lines = lines(FourLetterWords.send(server.clientPort(), "srvr"));
        assertTrue(lines.get(0).startsWith("Zookeeper version: "), lines.get(0));
        assertHasLineMatching(lines, "Latency min/avg/max: \\d+/[0-9.]+/\\d+");
        assertHasLineMatching(lines, "Received: \\d+");
        assertHasLineMatching(lines, "Sent: \\d+");
        assertHasLineMatching(lines, "Connections: \\d+");
        assertHasLineMatching(lines, "Outstanding: \\d+");
        assertHasLineMatching(lines, "Zxid: 0x[0-9a-f]+");
        assertTrue(lines.contains("Mode: standalone"), lines.toString());
        assertHasLineMatching(lines, "Node count: \\d+");
    }

    @Test
    void statListsConnectedClientsThenTheSrvrBlock(TestServer server, ZkClients clients) throws Exception {
        clients.connect();
        List<String> lines = lines(FourLetterWords.send(server.clientPort(), "stat"));
        assertTrue(lines.get(0).startsWith("Zookeeper version: "), lines.get(0));
        assertEquals("Clients:", lines.get(1));
        assertHasLineMatching(lines, " /127\\.0\\.0\\.1:\\d+\\[\\d+\\]\\(queued=\\d+,recved=\\d+,sent=\\d+\\)");
        assertTrue(lines.contains("Mode: standalone"), lines.toString());
        assertHasLineMatching(lines, "Node count: \\d+");
    }

    @Test
    void consShowsEachConnectionsSession(TestServer server, ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String cons = FourLetterWords.send(server.clientPort(), "cons");
        assertTrue(cons.contains(",sid=0x" + Long.toHexString(zk.getSessionId()) + ","), cons);
        assertTrue(cons.contains("to=" + zk.getSessionTimeout() + ","), cons);
    }

    @Test
    void confShowsTheEffectiveConfiguration(TestServer server) throws Exception {
        Map<String, String> conf = keyValues(FourLetterWords.send(server.clientPort(), "conf"), "=");
        TestServerConfig config = server.config();
        assertEquals(Integer.toString(server.clientPort()), conf.get("clientPort"));
        assertEquals(Integer.toString(config.tickTimeMillis()), conf.get("tickTime"));
        assertEquals(Integer.toString(config.effectiveMinSessionTimeoutMillis()), conf.get("minSessionTimeout"));
        assertEquals(Integer.toString(config.effectiveMaxSessionTimeoutMillis()), conf.get("maxSessionTimeout"));
        assertTrue(conf.containsKey("dataDir"), conf.toString());
    }

    @Test
    void mntrReportsServerStateAndTreeCounters(TestServer server, ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        Map<String, String> before = keyValues(FourLetterWords.send(server.clientPort(), "mntr"), "\t");
        for (String key : List.of("zk_version", "zk_server_state", "zk_avg_latency", "zk_max_latency", "zk_min_latency",
                "zk_packets_received", "zk_packets_sent", "zk_num_alive_connections", "zk_outstanding_requests",
                "zk_znode_count", "zk_watch_count", "zk_ephemerals_count", "zk_approximate_data_size",
                "zk_open_file_descriptor_count", "zk_max_file_descriptor_count")) {
            assertTrue(before.containsKey(key), "mntr lacks " + key + ": " + before.keySet());
        }
        assertEquals("standalone", before.get("zk_server_state"));
        List<String> firstTwo = lines(FourLetterWords.send(server.clientPort(), "mntr")).subList(0, 2);
        assertTrue(firstTwo.get(0).startsWith("zk_version\t") && firstTwo.get(1).equals("zk_server_state\tstandalone"), firstTwo.toString());

        zk.create(UniquePaths.unique("mntr"), new byte[10], Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        Map<String, String> after = keyValues(FourLetterWords.send(server.clientPort(), "mntr"), "\t");
        assertEquals(Long.parseLong(before.get("zk_znode_count")) + 1, Long.parseLong(after.get("zk_znode_count")));
        assertEquals(Long.parseLong(before.get("zk_ephemerals_count")) + 1, Long.parseLong(after.get("zk_ephemerals_count")));
    }

    @Test
    void answersArriveEvenWhenTheClientHalfClosesAtOnce(TestServer server) throws Exception {
        for (int i = 0; i < 20; i++) {
            String srvr = FourLetterWords.send(server.clientPort(), "srvr\n", true);
            assertTrue(srvr.contains("Mode: standalone"), "try " + i + ": '" + srvr + "'");
        }
    }

    @Test
    void wchsWchpAndMntrCountWatches(TestServer server, ZkClients clients) throws Exception {
        ZooKeeper zk = clients.connect();
        String path = UniquePaths.unique("wchp");
        zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        int wchsBefore = totalWatches(FourLetterWords.send(server.clientPort(), "wchs"));
        long mntrBefore = Long.parseLong(keyValues(FourLetterWords.send(server.clientPort(), "mntr"), "\t").get("zk_watch_count"));
        zk.getData(path, true, null);
        zk.getChildren(path, true);

        // Apache ZooKeeper's wchs/wchc/wchp describe data (and exists) watches only; mntr's
        // zk_watch_count adds child watches.
        assertEquals(wchsBefore + 1, totalWatches(FourLetterWords.send(server.clientPort(), "wchs")));
        assertEquals(mntrBefore + 2, Long.parseLong(keyValues(FourLetterWords.send(server.clientPort(), "mntr"), "\t").get("zk_watch_count")));
        String wchp = FourLetterWords.send(server.clientPort(), "wchp");
        assertTrue(wchp.contains(path + "\n\t0x" + Long.toHexString(zk.getSessionId())), wchp);
    }

    private static int totalWatches(String wchs) {
        Matcher matcher = WATCH_SUMMARY.matcher(wchs);
        assertTrue(matcher.find(), wchs);
        return Integer.parseInt(matcher.group(3));
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n"));
    }

    private static Map<String, String> keyValues(String text, String separator) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int at = line.indexOf(separator);
            if (at > 0) {
                values.put(line.substring(0, at), line.substring(at + separator.length()));
            }
        }
        return values;
    }

    private static void assertHasLineMatching(List<String> lines, String regex) {
        assertTrue(lines.stream().anyMatch(line -> line.matches(regex)), "no line matching " + regex + " in " + lines);
    }
}
