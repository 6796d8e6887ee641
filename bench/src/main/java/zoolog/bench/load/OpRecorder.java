package zoolog.bench.load;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.KeeperException;

/**
 * Latencies and errors of one op type on one session, in the measured phase only. Written by the
 * session's ZooKeeper event thread (where async callbacks run) and read once by the main thread
 * when the run ends; the monitor is uncontended while the load runs and makes the final read safe
 * even for a callback that arrives late after a drain timeout.
 */
final class OpRecorder {

    /** Latencies above a minute are clamped: a reply that late is a stall, and its exact size does not matter. */
    static final long LATENCY_MICROS_MAX = 60_000_000;
    /** Three significant digits: p99.9 of 1234 µs reads 1234, not 1200. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram latencyMicros = new Histogram(LATENCY_MICROS_MAX, SIGNIFICANT_DIGITS);
    private final Map<String, Long> errorsByCode = new TreeMap<>();

    /** Records one completed operation: its latency if it succeeded, its error code otherwise. */
    synchronized void record(int resultCode, long latencyMicrosMeasured) {
        if (resultCode == KeeperException.Code.OK.intValue()) {
            latencyMicros.recordValue(Math.max(0, Math.min(latencyMicrosMeasured, LATENCY_MICROS_MAX)));
        } else {
            errorsByCode.merge(errorName(resultCode), 1L, Long::sum);
        }
    }

    /** Records operations that never completed before the drain deadline. */
    synchronized void recordTimedOut(long operations) {
        if (operations > 0) {
            errorsByCode.merge("TIMEOUT", operations, Long::sum);
        }
    }

    /** Adds this recorder's contents to the run-wide totals. */
    synchronized void addTo(Histogram latencyTotal, Map<String, Long> errorsTotal) {
        latencyTotal.add(latencyMicros);
        errorsByCode.forEach((code, count) -> errorsTotal.merge(code, count, Long::sum));
    }

    static Histogram newHistogram() {
        return new Histogram(LATENCY_MICROS_MAX, SIGNIFICANT_DIGITS);
    }

    private static String errorName(int resultCode) {
        KeeperException.Code code = KeeperException.Code.get(resultCode);
        return code == null ? "CODE_" + resultCode : code.name();
    }
}
