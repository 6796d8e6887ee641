package zoolog.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One load-generator workload, parsed once at the edge (picocli in {@link LoadGenerator}, or the
 * comparison runner) and immutable afterwards. The measured phase ends when {@code duration} has
 * passed or, if {@code opsMax > 0}, when that many operations have been issued — whichever comes
 * first — so every run is bounded in time. {@link #problems()} lists every invalid value at once.
 *
 * @param connectString       ZooKeeper connect string, {@code host:port[,host:port...]}, no chroot
 * @param sessions            client sessions, each its own {@code ZooKeeper} handle and TCP connection
 * @param opsMax              operations to issue in the measured phase; 0 means bounded by duration only
 * @param duration            length of the measured phase at most
 * @param warmup              length of the unmeasured phase before it (JIT, connection and cache warm-up)
 * @param readRatio           fraction of operations that are {@code getData}; the rest are {@code setData}
 * @param valueSizeBytes      size of every znode value written
 * @param znodes              znodes pre-created under the run's fresh root, chosen uniformly per operation
 * @param inFlightPerSession  asynchronous requests a session may have outstanding at once
 * @param seed                seed of the operation mix, znode choice and value bytes
 */
public record LoadSpec(
        String connectString,
        int sessions,
        long opsMax,
        Duration duration,
        Duration warmup,
        double readRatio,
        int valueSizeBytes,
        int znodes,
        int inFlightPerSession,
        long seed) {

    /** More sessions than this would measure the client machine, not the server. */
    public static final int SESSIONS_MAX = 1024;
    /** ZooKeeper's client queues are unbounded; this bound keeps the closed loop honest. */
    public static final int IN_FLIGHT_PER_SESSION_MAX = 1024;
    /** Just under ZooKeeper's default {@code jute.maxbuffer} of 1 MiB, leaving room for the header. */
    public static final int VALUE_SIZE_BYTES_MAX = 1_000_000;
    /** Pre-creating more znodes than this takes longer than a benchmark should. */
    public static final int ZNODES_MAX = 1_000_000;
    /** A measured phase or warm-up longer than this is a mistake on the command line. */
    public static final Duration DURATION_MAX = Duration.ofHours(1);

    /** A short display name for the op mix: {@code read 0%} (all setData) to {@code read 100%} (all getData). */
    public String workloadName() {
        double percent = readRatio * 100.0;
        return percent == Math.rint(percent)
                ? String.format(Locale.ROOT, "read %d%%", Math.round(percent))
                : String.format(Locale.ROOT, "read %.1f%%", percent);
    }

    /** Every problem with this spec, one line each; empty when the spec can run. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        problems.addAll(connectStringProblems(connectString));
        checkRange(problems, "--sessions", sessions, 1, SESSIONS_MAX);
        checkRange(problems, "--in-flight", inFlightPerSession, 1, IN_FLIGHT_PER_SESSION_MAX);
        checkRange(problems, "--value-size", valueSizeBytes, 0, VALUE_SIZE_BYTES_MAX);
        checkRange(problems, "--znodes", znodes, 1, ZNODES_MAX);
        if (opsMax < 0) {
            problems.add("--ops must be 0 (no limit) or positive, not " + opsMax);
        }
        if (!(readRatio >= 0.0 && readRatio <= 1.0)) {
            problems.add("--read-ratio must be between 0 and 1, not " + readRatio);
        }
        if (duration.isZero() || duration.isNegative() || duration.compareTo(DURATION_MAX) > 0) {
            problems.add("--duration must be positive and at most 1h, not " + DurationConverter.format(duration));
        }
        if (warmup.isNegative() || warmup.compareTo(DURATION_MAX) > 0) {
            problems.add("--warmup must be between 0s and 1h, not " + DurationConverter.format(warmup));
        }
        return problems;
    }

    /** Problems with a {@code host:port[,host:port...]} connect string, one line each. */
    public static List<String> connectStringProblems(String connectString) {
        List<String> problems = new ArrayList<>();
        if (connectString == null || connectString.isBlank()) {
            problems.add("--connect is empty; give host:port[,host:port...]");
            return problems;
        }
        for (String server : connectString.split(",", -1)) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0) {
                problems.add("--connect entry '" + server + "' is not host:port");
                continue;
            }
            String port = server.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                problems.add("--connect entry '" + server + "' has no port between 1 and 65535"
                        + (port.contains("/") ? " (a chroot path is not supported)" : ""));
            }
        }
        return problems;
    }

    /** Adds {@code <option> must be between <min> and <max>, not <value>} to {@code problems} when out of range. */
    public static void checkRange(List<String> problems, String option, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
