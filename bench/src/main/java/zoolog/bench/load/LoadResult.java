package zoolog.bench.load;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one load-generator run measured: per-op-type and overall latency/error summaries, the
 * measured phase's length, why it ended, and CPU time used by the server process, by the load
 * generator's own JVM and by the whole machine during it (empty when unreadable, e.g. no server pid
 * or not Linux). Immutable.
 *
 * @param root               the fresh {@code /bench-<random>} znode the run worked under (deleted afterwards)
 * @param measuredSeconds    from the start of the measured phase until its last operation completed
 * @param serverCpuSeconds   server {@code utime+stime} spent in the measured phase
 * @param clientCpuSeconds   load-generator JVM {@code utime+stime} spent in the measured phase
 * @param machineCpuSeconds  busy time of all the machine's CPUs in the measured phase, summed
 */
public record LoadResult(
        LoadSpec spec,
        String root,
        StopReason stopReason,
        double measuredSeconds,
        Map<OpType, OpStats> byOpType,
        OpStats all,
        OptionalDouble serverCpuSeconds,
        OptionalDouble clientCpuSeconds,
        OptionalDouble machineCpuSeconds) {

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

    /**
     * CPUs that processes other than the server and the load generator kept busy on average during
     * the measured phase (0.5 = half a CPU); near 0 on a quiet machine. Empty unless all three CPU
     * figures were read. Never negative: the clock-tick rounding of three readings can make the
     * raw difference dip slightly below 0.
     */
    public OptionalDouble otherProcessesCpus() {
        if (serverCpuSeconds.isEmpty() || clientCpuSeconds.isEmpty() || machineCpuSeconds.isEmpty() || measuredSeconds <= 0) {
            return OptionalDouble.empty();
        }
        double other = machineCpuSeconds.getAsDouble() - serverCpuSeconds.getAsDouble() - clientCpuSeconds.getAsDouble();
        return OptionalDouble.of(Math.max(0.0, other) / measuredSeconds);
    }

    private OptionalDouble perThousandOps(OptionalDouble cpuSeconds) {
        if (cpuSeconds.isEmpty() || all.count() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(cpuSeconds.getAsDouble() * 1000.0 / all.count());
    }
}
