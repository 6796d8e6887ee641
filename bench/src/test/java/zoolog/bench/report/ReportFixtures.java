package zoolog.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import zoolog.bench.load.LoadResult;
import zoolog.bench.load.LoadSpec;
import zoolog.bench.load.OpStats;
import zoolog.bench.load.OpType;

/** Hand-made results with round numbers, so expected report cells can be worked out by eye. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    /** A read-only run of {@code ops} getData over 10 s with the given p99 and server CPU seconds. */
    static LoadResult readOnly(long ops, long p99Micros, double serverCpuSeconds) {
        LoadSpec spec = new LoadSpec("127.0.0.1:21810", 32, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), 1.0,
                1024, 1000, 4, 42);
        OpStats reads = new OpStats("getData", ops, Map.of(), 900.4, 800, p99Micros, p99Micros * 2, p99Micros * 3);
        OpStats all = new OpStats("all", ops, Map.of(), 900.4, 800, p99Micros, p99Micros * 2, p99Micros * 3);
        return new LoadResult(spec, "/bench-0", LoadResult.StopReason.DURATION, 10.0, Map.of(OpType.READ, reads), all,
                OptionalDouble.of(serverCpuSeconds), OptionalDouble.empty(), OptionalDouble.empty());
    }

    static ComparisonReport report(List<WorkloadRun> runs) {
        return new ComparisonReport(Instant.parse("2025-01-02T03:04:05Z"),
                new BenchEnvironment("Test CPU", 8, "Linux 6.1", "OpenJDK 17", "ext4 on /dev/sda1 (/)"),
                Map.of("sessions × in flight per session", "32 × 4"), runs);
    }
}
