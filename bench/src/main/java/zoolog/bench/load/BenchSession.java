package zoolog.bench.load;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * One client session of a load run: an official {@link ZooKeeper} handle (its own TCP connection,
 * send thread and event thread), a semaphore of {@code inFlightPerSession} permits that bounds its
 * outstanding asynchronous requests, and one {@link OpRecorder} per op type. Its load thread runs
 * {@link #issueUntil}; permits come back and latencies are recorded on the ZooKeeper event thread.
 * This is a closed loop: a new request is sent only when an earlier one has been answered.
 */
final class BenchSession {

    /** How often a load thread waiting for a permit looks at the clock, so it stops on time. */
    private static final long PERMIT_POLL_MILLIS = 20;

    private final ZooKeeper zookeeper;
    private final CountDownLatch connected = new CountDownLatch(1);
    private final CountDownLatch synced = new CountDownLatch(1);
    private final int inFlightMax;
    private final Semaphore inFlight;
    private final Map<OpType, OpRecorder> recorders = new EnumMap<>(OpType.class);

    private BenchSession(String connectString, int sessionTimeoutMillis, int inFlightMax) throws IOException {
        this.inFlightMax = inFlightMax;
        this.inFlight = new Semaphore(inFlightMax);
        for (OpType type : OpType.values()) {
            recorders.put(type, new OpRecorder());
        }
        this.zookeeper = new ZooKeeper(connectString, sessionTimeoutMillis, this::onWatchedEvent);
    }

    static BenchSession open(String connectString, int sessionTimeoutMillis, int inFlightMax) throws IOException {
        return new BenchSession(connectString, sessionTimeoutMillis, inFlightMax);
    }

    ZooKeeper zookeeper() {
        return zookeeper;
    }

    /** Waits until the session is established or the deadline (a {@link System#nanoTime} value) passes. */
    boolean awaitConnected(long deadlineNanos) throws InterruptedException {
        return connected.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** Asks the session's server to catch up with the leader; {@link #awaitSynced} waits for the answer. */
    void sync(String path) {
        zookeeper.sync(path, (resultCode, p, context) -> synced.countDown(), null);
    }

    /** Waits until the {@link #sync} was answered or the deadline (a {@link System#nanoTime} value) passes. */
    boolean awaitSynced(long deadlineNanos) throws InterruptedException {
        return synced.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Issues operations until the phase ends: {@code schedule.measureEndNanos()} passes, or
     * {@code opsMax > 0} operations have been issued in the measured phase by all sessions together
     * ({@code measuredIssued} is shared), or {@code stop} is set. Runs on this session's load thread.
     */
    void issueUntil(
            LoadSchedule schedule,
            SplittableRandom random,
            List<String> paths,
            byte[] value,
            double readRatio,
            long opsMax,
            AtomicLong measuredIssued,
            AtomicBoolean stop) throws InterruptedException {
        while (!stop.get()) {
            if (!inFlight.tryAcquire(PERMIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() >= schedule.measureEndNanos()) {
                    return;
                }
                continue;
            }
            long issuedNanos = System.nanoTime();
            if (issuedNanos >= schedule.measureEndNanos()) {
                inFlight.release();
                return;
            }
            boolean measured = issuedNanos >= schedule.measureStartNanos();
            if (measured && opsMax > 0 && measuredIssued.incrementAndGet() > opsMax) {
                inFlight.release();
                stop.set(true);
                return;
            }
            String path = paths.get(random.nextInt(paths.size()));
            if (random.nextDouble() < readRatio) {
                zookeeper.getData(path, false,
                        (resultCode, p, context, data, stat) -> complete(OpType.READ, resultCode, issuedNanos, measured),
                        null);
            } else {
                zookeeper.setData(path, value, -1,
                        (resultCode, p, context, stat) -> complete(OpType.WRITE, resultCode, issuedNanos, measured),
                        null);
            }
        }
    }

    /**
     * Waits for every outstanding request to be answered. Requests still unanswered at the deadline
     * are counted as {@code TIMEOUT} errors of {@code likelyType} (the workload's majority op type),
     * since which type each outstanding request had is not tracked.
     *
     * @return true if everything was answered in time
     */
    boolean drain(long timeoutMillis, OpType likelyType) throws InterruptedException {
        if (inFlight.tryAcquire(inFlightMax, timeoutMillis, TimeUnit.MILLISECONDS)) {
            inFlight.release(inFlightMax);
            return true;
        }
        recorders.get(likelyType).recordTimedOut(inFlightMax - inFlight.availablePermits());
        return false;
    }

    /** Adds this session's measurements for {@code type} to run-wide totals. */
    void addTo(OpType type, Histogram latencyTotal, Map<String, Long> errorsTotal) {
        recorders.get(type).addTo(latencyTotal, errorsTotal);
    }

    /** Closes the session on the server and stops the handle's threads. */
    void close() throws InterruptedException {
        zookeeper.close();
    }

    private void complete(OpType type, int resultCode, long issuedNanos, boolean measured) {
        if (measured) {
            recorders.get(type).record(resultCode, (System.nanoTime() - issuedNanos) / 1000);
        }
        inFlight.release();
    }

    private void onWatchedEvent(WatchedEvent event) {
        if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
            connected.countDown();
        }
    }
}
