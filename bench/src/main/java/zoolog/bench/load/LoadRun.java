package zoolog.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Carries out one workload against a running server and measures it:
 * <pre>
 *   connect N sessions ─► create /bench-&lt;random&gt; + K znodes ─► sync every session ─► start N load threads
 *     ─► warm-up (not recorded) ─► CPU sample ─► measured phase ─► threads stop issuing
 *     ─► drain outstanding requests ─► CPU sample ─► delete the znodes ─► close sessions
 * </pre>
 * Called on the caller's thread (the load generator's or the comparison runner's main thread), which
 * owns the sessions; it creates one load thread per session and joins them before returning.
 */
public final class LoadRun {

    /** How long all sessions together may take to connect. */
    static final long CONNECT_TIMEOUT_MILLIS = 30_000;
    /** Session timeout asked of the server; long enough that a GC pause on either side does not expire it. */
    static final int SESSION_TIMEOUT_MILLIS = 30_000;
    /** How long requests still outstanding when issuing stops may take to be answered. */
    static final long DRAIN_TIMEOUT_MILLIS = 30_000;

    private final LoadSpec spec;
    private final String root;
    private final List<Long> serverPids;
    private final ProcessCpu processCpu;
    private final Consumer<String> progress;

    /**
     * @param root       the fresh root znode to create, {@code /bench-<random>}
     * @param serverPids the local server processes whose CPU time to measure, summed (every member of an
     *                   ensemble); empty when unknown
     * @param progress   receives one line per step, for the person watching
     */
    public LoadRun(LoadSpec spec, String root, List<Long> serverPids, ProcessCpu processCpu, Consumer<String> progress) {
        List<String> problems = spec.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.spec = spec;
        this.root = root;
        this.serverPids = List.copyOf(serverPids);
        this.processCpu = processCpu;
        this.progress = progress;
    }

    public LoadResult run() throws LoadFailure, InterruptedException {
        List<BenchSession> sessions = new ArrayList<>(spec.sessions());
        try {
            connect(sessions);
            SplittableRandom random = new SplittableRandom(spec.seed());
            byte[] value = new byte[spec.valueSizeBytes()];
            random.nextBytes(value);
            ZnodeFixture fixture = ZnodeFixture.create(sessions.get(0).zookeeper(), root, spec.znodes(), value);
            progress.accept("created " + spec.znodes() + " znodes of " + spec.valueSizeBytes() + " bytes under " + root);
            syncAll(sessions);
            LoadResult result = measure(sessions, fixture, random, value);
            Map<String, Long> cleanupErrors = fixture.delete(sessions.get(0).zookeeper());
            if (!cleanupErrors.isEmpty()) {
                progress.accept("warning: could not delete every znode under " + root + ": " + cleanupErrors);
            }
            return result;
        } finally {
            for (BenchSession session : sessions) {
                session.close();
            }
        }
    }

    private void connect(List<BenchSession> sessions) throws LoadFailure, InterruptedException {
        progress.accept("connecting " + spec.sessions() + " sessions to " + spec.connectString());
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);
        for (int i = 0; i < spec.sessions(); i++) {
            try {
                sessions.add(BenchSession.open(spec.connectString(), SESSION_TIMEOUT_MILLIS, spec.inFlightPerSession()));
            } catch (IOException | IllegalArgumentException unusable) {
                throw new LoadFailure("cannot open a session to " + spec.connectString() + ": " + unusable.getMessage());
            }
        }
        for (BenchSession session : sessions) {
            if (!session.awaitConnected(deadlineNanos)) {
                throw new LoadFailure("sessions to " + spec.connectString() + " did not connect within "
                        + CONNECT_TIMEOUT_MILLIS / 1000 + " s");
            }
        }
    }

    private LoadResult measure(List<BenchSession> sessions, ZnodeFixture fixture, SplittableRandom random, byte[] value)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        long measureStartNanos = startNanos + spec.warmup().toNanos();
        LoadSchedule schedule = new LoadSchedule(measureStartNanos, measureStartNanos + spec.duration().toNanos());
        AtomicLong measuredIssued = new AtomicLong();
        AtomicBoolean opsReached = new AtomicBoolean();
        List<Thread> loadThreads = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            BenchSession session = sessions.get(i);
            SplittableRandom sessionRandom = random.split();
            Thread thread = new Thread(() -> {
                try {
                    session.issueUntil(schedule, sessionRandom, fixture.paths(), value, spec.readRatio(),
                            spec.opsMax(), measuredIssued, opsReached);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "load-session-" + i);
            thread.setDaemon(true);
            loadThreads.add(thread);
        }
        progress.accept("warm-up " + DurationConverter.format(spec.warmup()) + ", then measuring for at most "
                + DurationConverter.format(spec.duration())
                + (spec.opsMax() > 0 ? " or " + spec.opsMax() + " ops" : ""));
        loadThreads.forEach(Thread::start);
        parkUntil(measureStartNanos);
        OptionalDouble serverCpuStart = serverCpu();
        OptionalDouble clientCpuStart = processCpu.ownCpuSeconds();
        OptionalDouble machineCpuStart = processCpu.machineBusyCpuSeconds();
        for (Thread thread : loadThreads) {
            thread.join();
        }
        OpType likelyType = spec.readRatio() >= 0.5 ? OpType.READ : OpType.WRITE;
        for (BenchSession session : sessions) {
            if (!session.drain(DRAIN_TIMEOUT_MILLIS, likelyType)) {
                progress.accept("warning: requests still unanswered after " + DRAIN_TIMEOUT_MILLIS / 1000 + " s");
            }
        }
        long measureEndNanos = System.nanoTime();
        OptionalDouble serverCpu = difference(serverCpuStart, serverCpu());
        OptionalDouble clientCpu = difference(clientCpuStart, processCpu.ownCpuSeconds());
        OptionalDouble machineCpu = difference(machineCpuStart, processCpu.machineBusyCpuSeconds());
        return summarise(sessions, fixture.root(), opsReached.get() ? LoadResult.StopReason.OPS : LoadResult.StopReason.DURATION,
                (measureEndNanos - measureStartNanos) / 1e9, serverCpu, clientCpu, machineCpu);
    }

    private LoadResult summarise(List<BenchSession> sessions, String fixtureRoot, LoadResult.StopReason stopReason,
            double measuredSeconds, OptionalDouble serverCpu, OptionalDouble clientCpu, OptionalDouble machineCpu) {
        Map<OpType, OpStats> byOpType = new EnumMap<>(OpType.class);
        Histogram allLatencies = OpRecorder.newHistogram();
        Map<String, Long> allErrors = new TreeMap<>();
        for (OpType type : OpType.values()) {
            Histogram latencies = OpRecorder.newHistogram();
            Map<String, Long> errors = new TreeMap<>();
            for (BenchSession session : sessions) {
                session.addTo(type, latencies, errors);
            }
            boolean issued = type == OpType.READ ? spec.readRatio() > 0 : spec.readRatio() < 1;
            if (issued) {
                byOpType.put(type, OpStats.of(type.zookeeperName(), latencies, errors));
            }
            allLatencies.add(latencies);
            errors.forEach((code, count) -> allErrors.merge(code, count, Long::sum));
        }
        return new LoadResult(spec, fixtureRoot, stopReason, measuredSeconds, byOpType,
                OpStats.of("all", allLatencies, allErrors), serverCpu, clientCpu, machineCpu);
    }

    /**
     * Has every session's server catch up with the leader ({@code sync}), so that sessions connected
     * to an ensemble's followers see the fixture before the first read. A standalone server answers at once.
     */
    private void syncAll(List<BenchSession> sessions) throws LoadFailure, InterruptedException {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MILLIS);
        for (BenchSession session : sessions) {
            session.sync(root);
        }
        for (BenchSession session : sessions) {
            if (!session.awaitSynced(deadlineNanos)) {
                throw new LoadFailure("sessions to " + spec.connectString() + " did not sync within "
                        + CONNECT_TIMEOUT_MILLIS / 1000 + " s");
            }
        }
    }

    /** The servers' CPU seconds so far, summed; empty without pids or when one cannot be read. */
    private OptionalDouble serverCpu() {
        double total = 0;
        for (long pid : serverPids) {
            OptionalDouble seconds = processCpu.cpuSeconds(pid);
            if (seconds.isEmpty()) {
                return OptionalDouble.empty();
            }
            total += seconds.getAsDouble();
        }
        return serverPids.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(total);
    }

    private static OptionalDouble difference(OptionalDouble before, OptionalDouble after) {
        return before.isPresent() && after.isPresent()
                ? OptionalDouble.of(after.getAsDouble() - before.getAsDouble())
                : OptionalDouble.empty();
    }

    /** The warm-up wait: the load threads are busy meanwhile, this thread only needs to wake on time. */
    private static void parkUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted during warm-up");
            }
        }
    }
}
