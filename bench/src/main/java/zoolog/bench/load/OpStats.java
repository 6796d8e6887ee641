package zoolog.bench.load;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Summary of one op type (or of all of them) over a run's measured phase: successful operations,
 * errors by ZooKeeper error code, and latency percentiles in microseconds from issuing the request
 * to its callback. Latencies cover successful operations only. Immutable.
 *
 * @param label         {@code getData}, {@code setData} or {@code all}
 * @param count         operations that succeeded
 * @param errorsByCode  failed operations per ZooKeeper error code name ({@code CONNECTIONLOSS}, ...),
 *                      sorted by name
 */
public record OpStats(
        String label,
        long count,
        Map<String, Long> errorsByCode,
        double meanMicros,
        long p50Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros) {

    public OpStats {
        errorsByCode = Collections.unmodifiableMap(new TreeMap<>(errorsByCode));
    }

    /** Summarises a latency histogram (in µs) and the errors seen next to it. */
    public static OpStats of(String label, Histogram latencyMicros, Map<String, Long> errorsByCode) {
        long count = latencyMicros.getTotalCount();
        return new OpStats(
                label,
                count,
                errorsByCode,
                count == 0 ? 0.0 : latencyMicros.getMean(),
                latencyMicros.getValueAtPercentile(50.0),
                latencyMicros.getValueAtPercentile(99.0),
                latencyMicros.getValueAtPercentile(99.9),
                latencyMicros.getMaxValue());
    }

    public long errors() {
        return errorsByCode.values().stream().mapToLong(Long::longValue).sum();
    }
}
