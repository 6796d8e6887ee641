package zoolog.bench.failover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import zoolog.bench.report.BenchEnvironment;

class FailoverReportTest {

    private static final BenchEnvironment MACHINE = new BenchEnvironment("cpu", 2, "Linux 6", "OpenJDK 17", "ext4 on /dev/vda (/)");

    private static FailoverReport report() {
        return new FailoverReport(Instant.parse("2026-11-22T08:00:00Z"), MACHINE, Map.of("runs per system", "2"), List.of(
                new FailoverRun("apache-zookeeper ×3", 1, 3, OptionalInt.of(2), OptionalDouble.of(812.4),
                        OptionalDouble.of(2.5), Map.of("CONNECTIONLOSS", 6L), Optional.empty()),
                new FailoverRun("apache-zookeeper ×3", 2, 2, OptionalInt.of(3), OptionalDouble.of(600.0),
                        OptionalDouble.of(1.5), Map.of(), Optional.empty()),
                FailoverRun.failed("zoolog ×3", 1, 0, "a member exited after start-up")));
    }

    @Test
    void markdownSummarisesEachSystemAndListsEveryRun() {
        String markdown = report().markdown();
        assertTrue(markdown.contains("| apache-zookeeper ×3 | 2 | 2 | 706 | 812 | 600 | 812 |\n"), markdown);
        assertTrue(markdown.contains("| zoolog ×3 | 1 | 0 | — | — | — | — |\n"), markdown);
        assertTrue(markdown.contains("| apache-zookeeper ×3 | 1 | server.3 | server.2 | 812 | 2.5 | CONNECTIONLOSS=6 |  |\n"), markdown);
        assertTrue(markdown.contains("| zoolog ×3 | 1 | — | — | — | — | 0 | a member exited after start-up |\n"), markdown);
        assertTrue(markdown.contains("## Machine"), markdown);
    }

    @Test
    void jsonCarriesTheSummaryAndTheRuns() {
        String json = report().json();
        assertTrue(json.contains("\"medianMillis\": 706.2"), json);
        assertTrue(json.contains("\"medianMillis\": null"), json);
        assertTrue(json.contains("\"newLeaderId\": 2"), json);
        assertTrue(json.contains("\"failure\": \"a member exited after start-up\""), json);
    }
}
