package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleTest {

    private static final String VERSION = "Zookeeper version: 3.9.3-abc, built on 2024-10-17";

    private static String srvr(String mode) {
        return VERSION + "\nLatency min/avg/max: 0/0.0/0\nZxid: 0x100000000\nMode: " + mode + "\nNode count: 5\n";
    }

    @Test
    void healthyMeansEveryMemberServingWithExactlyOneLeader() {
        assertEquals(Optional.of(VERSION),
                Ensemble.healthyEnsembleVersion(List.of(srvr("follower"), srvr("leader"), srvr("follower")), 3));
        assertEquals(Optional.empty(),
                Ensemble.healthyEnsembleVersion(List.of(srvr("follower"), srvr("leader")), 3));
        assertEquals(Optional.empty(),
                Ensemble.healthyEnsembleVersion(List.of(srvr("follower"), srvr("follower"), srvr("follower")), 3));
        assertEquals(Optional.empty(),
                Ensemble.healthyEnsembleVersion(List.of(srvr("leader"), srvr("leader"), srvr("follower")), 3));
        assertEquals(Optional.empty(), Ensemble.healthyEnsembleVersion(List.of(srvr("leader"), srvr("follower"),
                "This ZooKeeper instance is not currently serving requests\n"), 3));
        assertEquals(Optional.empty(),
                Ensemble.healthyEnsembleVersion(List.of(srvr("leader"), srvr("follower"), srvr("standalone")), 3));
    }

    @Test
    void createWritesOneConfigAndMyidPerMember(@TempDir Path temp) throws Exception {
        Path runDir = Files.createDirectories(temp.resolve("run"));
        Path dataRoot = Files.createDirectories(temp.resolve("data"));
        ServerLaunch launch = ServerLaunch.apacheZooKeeper(Path.of("java"), List.of(), "bench.jar",
                runDir.resolve("logback-server.xml"), true);
        Ensemble ensemble = Ensemble.create("apache-zookeeper", launch, 3, new PortPlan(21810, 3), 1, 8, runDir, dataRoot);
        assertEquals("127.0.0.1:21813,127.0.0.1:21814,127.0.0.1:21815", ensemble.connectString());
        assertEquals(2, ensemble.memberId(1));
        String cfg = Files.readString(runDir.resolve("apache-zookeeper-2.zoo.cfg"));
        assertTrue(cfg.contains("clientPort=21814\n") && cfg.contains("server.3=127.0.0.1:21920:21921\n"), cfg);
        Path dataDir = Path.of(cfg.lines().filter(line -> line.startsWith("dataDir=")).findFirst().orElseThrow().substring(8));
        assertEquals("2\n", Files.readString(dataDir.resolve("myid")));
        ensemble.close();
        try (var left = Files.list(dataRoot)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aStandaloneServerKeepsTheOldFileNamesAndHasNoMyid(@TempDir Path temp) throws Exception {
        ServerLaunch launch = ServerLaunch.apacheZooKeeper(Path.of("java"), List.of(), "bench.jar",
                temp.resolve("logback-server.xml"), false);
        Ensemble ensemble = Ensemble.create("zoolog", launch, 1, new PortPlan(21810, 1), 1, 8, temp, temp);
        assertEquals("127.0.0.1:21811", ensemble.connectString());
        String cfg = Files.readString(temp.resolve("zoolog.zoo.cfg"));
        assertTrue(!cfg.contains("server.1"), cfg);
        ensemble.close();
    }
}
