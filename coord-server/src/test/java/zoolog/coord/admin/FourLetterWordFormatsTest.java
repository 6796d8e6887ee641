package zoolog.coord.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import zoolog.coord.admin.HostProbe.FileDescriptors;
import zoolog.coord.core.CoreView.ConnectionInfo;
import zoolog.coord.core.CoreView.LatencyStats;
import zoolog.coord.core.CoreView.SessionInfo;

/** Golden outputs: each four-letter word's text for fixed inputs, in ZooKeeper 3.9's layout. */
class FourLetterWordFormatsTest {

    static final ServerInfo SERVER = new ServerInfo(
            ServerInfo.fullVersion("0.1.0", "2025-01-02 03:04 UTC"), ServerInfo.STANDALONE, 0, 1_000,
            2181, -1, Path.of("/var/lib/zoolog/data"), Path.of("/var/lib/zoolog/log"),
            2000, 60, 4000, 40000, -1);

    static final ConnectionInfo SESSION_CONNECTION = new ConnectionInfo(
            7, 0x1000a2b3c4d0000L, 30000, 2, 10, 9, "GETD", 0x1f, 0x2a, 1_700_000_000_123L, 1_700_000_000_000L,
            0, 3, 12, 1);

    static final CoreStats CORE = new CoreStats("standalone", 0, 0, 0, 0x100000002aL, 42, 1234, 3, 2, 5, 1,
            new LatencyStats(0, 2.5, 12, 4), List.of(SESSION_CONNECTION));

    static final NetStats NET = new NetStats(120, 118, 2, List.of(
            new ClientConnectionStats(7, "/127.0.0.1:50412", 1, 10, 9),
            new ClientConnectionStats(8, "/10.0.0.9:50413", 0, 1, 0)));

    @Test
    void versionFollowsZooKeepersShape() {
        assertEquals("3.9.3-zoolog-0.1.0, built on 2025-01-02 03:04 UTC", SERVER.fullVersion());
    }

    @Test
    void srvr() {
        assertEquals("""
                Zookeeper version: 3.9.3-zoolog-0.1.0, built on 2025-01-02 03:04 UTC
                Latency min/avg/max: 0/2.5/12
                Received: 120
                Sent: 118
                Connections: 2
                Outstanding: 2
                Zxid: 0x100000002a
                Mode: standalone
                Node count: 42
                """, FourLetterWordFormats.srvr(SERVER, CORE, NET));
    }

    @Test
    void statListsBriefConnectionsThenStats() {
        assertEquals("""
                Zookeeper version: 3.9.3-zoolog-0.1.0, built on 2025-01-02 03:04 UTC
                Clients:
                 /127.0.0.1:50412[1](queued=2,recved=10,sent=9)
                 /10.0.0.9:50413[0](queued=0,recved=1,sent=0)

                Latency min/avg/max: 0/2.5/12
                Received: 120
                Sent: 118
                Connections: 2
                Outstanding: 2
                Zxid: 0x100000002a
                Mode: standalone
                Node count: 42
                """, FourLetterWordFormats.stat(SERVER, CORE, NET));
    }

    @Test
    void consPrintsSessionDetailsOnlyForEstablishedConnections() {
        assertEquals("""
                 /127.0.0.1:50412[1](queued=2,recved=10,sent=9,sid=0x1000a2b3c4d0000,lop=GETD,\
                est=1700000000000,to=30000,lcxid=0x1f,lzxid=0x2a,lresp=1700000000123,llat=1,minlat=0,avglat=3,\
                maxlat=12)
                 /10.0.0.9:50413[0](queued=0,recved=1,sent=0)

                """, FourLetterWordFormats.cons(CORE, NET));
    }

    @Test
    void consOmitsANegativeLastCxid() {
        ConnectionInfo fresh = new ConnectionInfo(7, 0x5L, 6000, 0, 1, 1, "NA", -1, -1, 0, 5, 0, 0, 0, 0);
        CoreStats core = new CoreStats("standalone", 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, new LatencyStats(0, 0, 0, 0), List.of(fresh));
        NetStats net = new NetStats(1, 1, 1, List.of(new ClientConnectionStats(7, "/127.0.0.1:1", 1, 1, 1)));
        assertEquals(" /127.0.0.1:1[1](queued=0,recved=1,sent=1,sid=0x5,lop=NA,est=5,to=6000,"
                + "lzxid=0xffffffffffffffff,lresp=0,llat=0,minlat=0,avglat=0,maxlat=0)\n\n",
                FourLetterWordFormats.cons(core, net));
    }

    @Test
    void averageLatencyIsRoundedToFourDecimalsAndZeroWithoutSamples() {
        CoreStats thirds = new CoreStats("standalone", 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, new LatencyStats(1, 1.0 / 3, 2, 3), List.of());
        NetStats net = new NetStats(0, 0, 0, List.of());
        assertEquals("Latency min/avg/max: 1/0.3333/2",
                FourLetterWordFormats.srvr(SERVER, thirds, net).lines().skip(1).findFirst().orElseThrow());
        CoreStats none = new CoreStats("standalone", 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, new LatencyStats(0, Double.NaN, 0, 0), List.of());
        assertEquals("Latency min/avg/max: 0/0.0/0",
                FourLetterWordFormats.srvr(SERVER, none, net).lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void conf() {
        assertEquals("""
                clientPort=2181
                secureClientPort=-1
                dataDir=/var/lib/zoolog/data
                dataDirSize=4096
                dataLogDir=/var/lib/zoolog/log
                dataLogSize=512
                tickTime=2000
                maxClientCnxns=60
                minSessionTimeout=4000
                maxSessionTimeout=40000
                clientPortListenBacklog=-1
                serverId=0
                """, FourLetterWordFormats.conf(SERVER, 4096, 512));
    }

    @Test
    void dirs() {
        assertEquals("datadir_size: 4096\nlogdir_size: 512\n", FourLetterWordFormats.dirs(4096, 512));
    }

    @Test
    void envi() {
        assertEquals("Environment:\nzookeeper.version=v\nhost.name=h\n",
                FourLetterWordFormats.envi(List.of(Map.entry("zookeeper.version", "v"), Map.entry("host.name", "h"))));
    }

    @Test
    void dumpGroupsSessionsByExpiryThenListsEphemerals() {
        SessionDump dump = new SessionDump(
                List.of(new SessionInfo(0x2, 6000, 1_700_000_006_000L), new SessionInfo(0x1, 6000, 1_700_000_006_000L),
                        new SessionInfo(0x3, 30000, 1_700_000_030_000L)),
                Map.of(0x2L, Set.of("/b", "/a")));
        assertEquals("""
                SessionTracker dump:
                Session Sets (2)/(3):
                2 expire at Tue Nov 14 22:13:26 UTC 2023:
                \t0x1
                \t0x2
                1 expire at Tue Nov 14 22:13:50 UTC 2023:
                \t0x3
                ephemeral nodes dump:
                Sessions with Ephemerals (1):
                0x2:
                \t/a
                \t/b
                Connections dump:
                """, FourLetterWordFormats.dump(dump, ZoneId.of("UTC")));
    }

    @Test
    void wchs() {
        assertEquals("2 connections watching 3 paths\nTotal watches:4\n",
                FourLetterWordFormats.wchs(new WatchSummary(2, 3, 4)));
    }

    @Test
    void wchcAndWchpAreSortedAndEndWithABlankLine() {
        Map<Long, Set<String>> bySession = new LinkedHashMap<>();
        bySession.put(0x20L, Set.of("/z", "/a"));
        bySession.put(0x10L, Set.of("/m"));
        assertEquals("0x10\n\t/m\n0x20\n\t/a\n\t/z\n\n", FourLetterWordFormats.wchc(bySession));
        Map<String, Set<Long>> byPath = new LinkedHashMap<>();
        byPath.put("/z", Set.of(0x20L));
        byPath.put("/a", Set.of(0x20L, 0x10L));
        assertEquals("/a\n\t0x10\n\t0x20\n/z\n\t0x20\n\n", FourLetterWordFormats.wchp(byPath));
        assertEquals("\n", FourLetterWordFormats.wchc(Map.of()));
    }

    @Test
    void mntrIsTabSeparated() {
        assertEquals("""
                zk_version\t3.9.3-zoolog-0.1.0, built on 2025-01-02 03:04 UTC
                zk_server_state\tstandalone
                zk_avg_latency\t2.5
                zk_max_latency\t12
                zk_min_latency\t0
                zk_packets_received\t120
                zk_packets_sent\t118
                zk_num_alive_connections\t2
                zk_outstanding_requests\t2
                zk_uptime\t9000
                zk_znode_count\t42
                zk_watch_count\t5
                zk_ephemerals_count\t3
                zk_approximate_data_size\t1234
                zk_global_sessions\t1
                zk_local_sessions\t0
                zk_open_file_descriptor_count\t77
                zk_max_file_descriptor_count\t1048576
                """, FourLetterWordFormats.mntr(SERVER, CORE, NET, new FileDescriptors(77, 1_048_576), 10_000));
    }

    @Test
    void fixedAnswers() {
        assertEquals("imok", FourLetterWordFormats.ruok());
        assertEquals("rw", FourLetterWordFormats.isro());
        assertEquals("null", FourLetterWordFormats.isroNotServing());
        assertEquals("Connection stats reset.\n", FourLetterWordFormats.crst());
        assertEquals("Server stats reset.\n", FourLetterWordFormats.srst());
        assertEquals("This ZooKeeper instance is not currently serving requests\n", FourLetterWordFormats.NOT_SERVING);
        assertEquals("stat is not executed because it is not in the whitelist.\n",
                FourLetterWordFormats.rejected(FourLetterWord.STAT));
    }
}
