package zoolog.faults.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.Operation;

/**
 * Counts and latencies per operation: how many completed ok, failed or stayed unknown, and the
 * latency percentiles of the ok ones, from an HdrHistogram with 3 significant digits. Computed
 * once from the paired operations after the run. Immutable.
 */
public record OpStats(String f, long ok, long fail, long info, double p50Millis, double p99Millis, double maxMillis) {

    /** Latencies above this are clamped; a client gives up on an operation long before. */
    static final long LATENCY_NANOS_MAX = TimeUnit.MINUTES.toNanos(10);
    private static final int SIGNIFICANT_DIGITS = 3;

    public static List<OpStats> of(List<Operation> operations) {
        Map<Fn, long[]> counts = new EnumMap<>(Fn.class);
        Map<Fn, Histogram> latencies = new EnumMap<>(Fn.class);
        for (Operation operation : operations) {
            long[] count = counts.computeIfAbsent(operation.f(), f -> new long[3]);
            EntryType outcome = operation.outcome();
            count[outcome == EntryType.OK ? 0 : outcome == EntryType.FAIL ? 1 : 2]++;
            if (outcome == EntryType.OK) {
                latencies.computeIfAbsent(operation.f(), f -> new Histogram(LATENCY_NANOS_MAX, SIGNIFICANT_DIGITS))
                        .recordValue(Math.min(Math.max(0, operation.latencyNanos()), LATENCY_NANOS_MAX));
            }
        }
        List<OpStats> stats = new ArrayList<>();
        counts.forEach((f, count) -> {
            Histogram histogram = latencies.get(f);
            stats.add(new OpStats(f.jsonName(), count[0], count[1], count[2],
                    millis(histogram, 50), millis(histogram, 99), histogram == null ? 0 : histogram.getMaxValue() / 1e6));
        });
        return stats;
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram == null ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
