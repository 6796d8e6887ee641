package zoolog.bench.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.bench.load.LoadGenerator;

class FailoverRunnerArgumentsTest {

    private static List<String> problems(String... args) {
        FailoverRunner runner = new FailoverRunner();
        LoadGenerator.commandLine(runner).parseArgs(args);
        return runner.problems();
    }

    @Test
    void theDefaultsAreValid() {
        assertEquals(List.of(), problems());
        assertEquals(List.of(), problems("--runs", "1", "--settle", "0s", "--targets", "apache-zookeeper"));
    }

    @Test
    void aFailoverNeedsThreeMembersAndSaneLimits() {
        assertEquals(List.of("--ensemble must be between 3 and 9, not 1"), problems("--ensemble", "1"));
        assertEquals(List.of("--runs must be between 1 and 1000, not 0", "--writers must be between 1 and 64, not 0",
                "--outage-timeout must be positive and at most 1h",
                "--session-timeout must be between 4s and 40s (2 to 20 ticks), not 1s"),
                problems("--runs", "0", "--writers", "0", "--outage-timeout", "0s", "--session-timeout", "1s"));
    }
}
