package zoolog.faults.workload;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * The lock workload: every client runs Curator with its own session and loops acquire, hold a
 * moment, release on one {@link InterProcessMutex} at {@link ZnodePaths#LOCK}. Curator's rule
 * for lock holders is followed: when the connection is SUSPENDED or LOST, the holder must assume
 * the lock is gone (its session may expire and another client take the lock), so the worker
 * records {@code lock-lost} from Curator's connection-state thread at that moment.
 * {@link LockChecker} then checks that no two recorded holds overlap.
 */
final class LockWorkload extends PooledWorkload {

    static final int SESSION_TIMEOUT_MILLIS = 6000;
    static final int CONNECTION_TIMEOUT_MILLIS = 5000;
    static final long ACQUIRE_WAIT_MILLIS_MAX = 5000;
    static final long HOLD_NANOS_MAX = TimeUnit.MILLISECONDS.toNanos(200);
    /** Curator's retries of one call: a few, with backoff from 100 ms, so a call fails within seconds. */
    static final int RETRIES_MAX = 3;
    static final int RETRY_BASE_SLEEP_MILLIS = 100;


    LockWorkload(WorkloadContext context) {
        super("lock", context);
    }

    @Override
    public void setUp(ZooKeeper admin) throws KeeperException, InterruptedException {
        ZnodePaths.ensure(admin, ZnodePaths.LOCK, new byte[0]);
    }

    @Override
    WorkerPool.Worker newWorker() {
        return new LockWorker();
    }

    @Override
    public void finish(ZooKeeper admin) {
        // Mutual exclusion is judged from the holds alone; there is nothing to read at the end.
    }

    /**
     * One client thread with its own Curator client. The connection-state listener runs on Curator's
     * event thread; {@code holding} and the records that start and end a hold change together under
     * this worker's monitor, so a suspension can never fall between a hold's record and its flag.
     */
    private final class LockWorker implements WorkerPool.Worker {

        private final SplittableRandom random = context.newRandom();
        private final int process = context.newProcess();
        private boolean holding;
        private final CuratorFramework curator;
        private final InterProcessMutex mutex;

        LockWorker() {
            curator = CuratorFrameworkFactory.builder()
                    .connectString(context.connectString())
                    .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                    .connectionTimeoutMs(CONNECTION_TIMEOUT_MILLIS)
                    .retryPolicy(new ExponentialBackoffRetry(RETRY_BASE_SLEEP_MILLIS, RETRIES_MAX))
                    .build();
            curator.getConnectionStateListenable().addListener((client, state) -> {
                if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                    lost(state.name());
                }
            });
            mutex = new InterProcessMutex(curator, ZnodePaths.LOCK);
        }

        @Override
        public void step(BooleanSupplier stopping) {
            if (curator.getState() == CuratorFrameworkState.LATENT) {
                curator.start();
            }
            HistoryEntry acquire = record(HistoryEntry.of(EntryType.INVOKE, process, Fn.ACQUIRE).withKey(ZnodePaths.LOCK));
            boolean acquired;
            try {
                acquired = mutex.acquire(ACQUIRE_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                record(acquire.completedAs(EntryType.INFO).withError(e.getClass().getSimpleName()));
                LockSupport.parkNanos(SessionWorker.DISCONNECTED_PAUSE_NANOS);
                return;
            }
            if (!acquired) {
                record(acquire.completedAs(EntryType.FAIL).withError("TIMEOUT"));
                return;
            }
            synchronized (this) {
                record(acquire.completedAs(EntryType.OK));
                holding = true;
            }
            if (!curator.getZookeeperClient().isConnected()) {
                lost("DISCONNECTED");
            }
            LockSupport.parkNanos(random.nextLong(HOLD_NANOS_MAX));
            HistoryEntry release;
            synchronized (this) {
                holding = false;
                release = record(HistoryEntry.of(EntryType.INVOKE, process, Fn.RELEASE).withKey(ZnodePaths.LOCK));
            }
            try {
                mutex.release();
                record(release.completedAs(EntryType.OK));
            } catch (Exception e) {
                record(release.completedAs(EntryType.INFO).withError(e.getClass().getSimpleName()));
            }
        }

        /** The hold (if any) ends now: the connection is gone, so the lock may be someone else's soon. */
        private synchronized void lost(String why) {
            if (holding) {
                holding = false;
                record(HistoryEntry.of(EntryType.INFO, process, Fn.LOCK_LOST).withKey(ZnodePaths.LOCK).withError(why));
            }
        }

        private HistoryEntry record(HistoryEntry entry) {
            return context.history().record(entry).orElse(entry);
        }

        @Override
        public void abort() {
            curator.close();
        }

        @Override
        public void close() {
            curator.close();
        }
    }
}
