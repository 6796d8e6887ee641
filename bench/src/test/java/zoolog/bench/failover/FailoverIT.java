package zoolog.bench.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.bench.compare.FreePorts;
import zoolog.bench.compare.RunnerHarness;

/**
 * One quick failover run against a 3-member Apache ZooKeeper ensemble: the leader is killed, a write
 * issued after the kill succeeds, the killed member rejoins. Only that it was measured is asserted,
 * never how long it took.
 */
class FailoverIT {

    @Test
    void killingTheLeaderOnceIsMeasuredAndTheEnsembleHeals(@TempDir Path temp) throws Exception {
        RunnerHarness.Outcome outcome = RunnerHarness.execute(new FailoverRunner(), "--targets", "apache-zookeeper",
                "--runs", "1", "--settle", "0s", "--writers", "2", "--port", Integer.toString(FreePorts.base(3, 1)),
                "--server-jvm-opts=" + RunnerHarness.SMALL_SERVER_JVM,
                "--results-dir", temp.resolve("results").toString(), "--data-root", temp.resolve("data").toString());
        assertEquals(0, outcome.exitCode(), outcome.output());

        String json = Files.readString(RunnerHarness.runDirectory(temp.resolve("results")).resolve("failover.json"));
        assertTrue(json.contains("\"measured\": 1"), json);
        assertTrue(json.contains("\"failure\": null"), json);
        assertTrue(!json.contains("\"outageMillis\": null") && !json.contains("\"rejoinSeconds\": null"), json);
    }
}
