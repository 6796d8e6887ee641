package zoolog.bench.load;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one load-generator run measured: per-op-type and overall latency/error summaries, the
 * measured phase's length, why it ended, and CPU time used by the server process and by the load
 * generator's own JVM during it (empty when unreadable, e.g. no server pid or not Linux). Immutable.
 *
 * @param root               the fresh {@code /bench-<random>} znode the run worked under (deleted afterwards)
 * @param measuredSeconds    from the start of the measured phase until its last operation completed
 * @param serverCpuSeconds   server {@code utime+stime} spent in the measured phase
 * @param clientCpuSeconds   load-generator JVM {@code utime+stime} spent in the measured phase
 */
public record LoadResult(
        LoadSpec spec,
        String root,
        StopReason stopReason,
        double measuredSeconds,
        Map<OpType, OpStats> byOpType,
        OpStats all,
        OptionalDouble serverCpuSeconds,
        OptionalDouble clientCpuSeconds) {

    /** What ended the measured phase. */
    public enum StopReason {
        DURATION,
        OPS
    }

    public LoadResult {
        byOpType = Collections.unmodifiableMap(new EnumMap<>(byOpType));
    }

    /** Successful operations per second over the measured phase. */
    public double opsPerSecond() {
        return measuredSeconds > 0 ? all.count() / measuredSeconds : 0.0;
    }

    public OptionalDouble serverCpuSecondsPer1kOps() {
        return perThousandOps(serverCpuSeconds);
    }

    public OptionalDouble clientCpuSecondsPer1kOps() {
        return perThousandOps(clientCpuSeconds);
    }

    private OptionalDouble perThousandOps(OptionalDouble cpuSeconds) {
        if (cpuSeconds.isEmpty() || all.count() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(cpuSeconds.getAsDouble() * 1000.0 / all.count());
    }
}
