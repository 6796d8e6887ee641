package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the ensemble launcher through {@code bin/bench coord --ensemble 3}: a 3-member Apache
 * ZooKeeper ensemble starts, elects a leader, serves one very short mixed workload from sessions
 * spread over all members, and is stopped with its data deleted. Nothing about speed is asserted.
 */
class EnsembleCompareIT {

    @Test
    void aThreeMemberApacheZooKeeperEnsembleServesAWorkload(@TempDir Path temp) throws Exception {
        int port = FreePorts.base(3, 1);
        RunnerHarness.Outcome outcome = RunnerHarness.execute(new CompareRunner(), "--targets", "apache-zookeeper",
                "--ensemble", "3", "--port", Integer.toString(port), "--read-ratios", "0.5", "--sessions", "6",
                "--in-flight", "2", "--znodes", "20", "--warmup", "0s", "--duration", "1s",
                "--server-jvm-opts=" + RunnerHarness.SMALL_SERVER_JVM,
                "--results-dir", temp.resolve("results").toString(), "--data-root", temp.resolve("data").toString());
        assertEquals(0, outcome.exitCode(), outcome.output());

        Path runDir = RunnerHarness.runDirectory(temp.resolve("results"));
        String json = Files.readString(runDir.resolve("results.json"));
        assertTrue(json.contains("\"connect\": \"127.0.0.1:" + port + ",127.0.0.1:" + (port + 1) + ",127.0.0.1:" + (port + 2) + "\""), json);
        assertTrue(json.contains("\"system\": \"apache-zookeeper ×3\""), json);
        assertTrue(!json.contains("\"serverCpuSeconds\": null"), json);
        for (int id = 1; id <= 3; id++) {
            assertTrue(Files.readString(runDir.resolve("apache-zookeeper-" + id + ".zoo.cfg")).contains("server.3="));
        }
        try (Stream<Path> left = Files.list(temp.resolve("data"))) {
            assertEquals(List.of(), left.toList(), "data directories are deleted");
        }
    }
}
