package zoolog.faults.workload;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.zookeeper.ZooKeeper;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * A client thread with one ZooKeeper session over all nodes, as an application would hold it.
 * Before each operation it makes sure the session is connected: an expired session is replaced,
 * and while the client is looking for a server the worker waits instead of piling up failed
 * calls, each of which would add an operation of unknown outcome to the history. Subclasses
 * perform one operation per {@link #operate} and record it with {@link #invoke} and
 * {@link #complete}. Owned by its worker thread; {@link #abort} may come from the stopping thread.
 */
abstract class SessionWorker implements WorkerPool.Worker {

    /** Pause while the client is disconnected; short against a session timeout, long against a spin. */
    static final long DISCONNECTED_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Each operation is followed by a random pause up to this, so clients leave the servers some CPU. */
    static final long THINK_NANOS_MAX = TimeUnit.MILLISECONDS.toNanos(20);
    /** Session timeout of the register and sequential clients: 12 ticks of the ensemble's 500 ms. */
    static final int SESSION_TIMEOUT_MILLIS = 6000;

    protected final WorkloadContext context;
    protected final SplittableRandom random;
    private int process;
    private volatile ZooKeeper zk;

    SessionWorker(WorkloadContext context) {
        this.context = context;
        this.random = context.newRandom();
        this.process = context.newProcess();
    }

    @Override
    public final void step(BooleanSupplier stopping) throws InterruptedException {
        ZooKeeper current = zk;
        if (current != null && !current.getState().isAlive()) {
            close();
            current = null;
        }
        if (current == null) {
            try {
                current = Sessions.connect(context.connectString(), SESSION_TIMEOUT_MILLIS);
                zk = current;
            } catch (IOException noSession) {
                return;
            }
        }
        if (!current.getState().isConnected()) {
            LockSupport.parkNanos(DISCONNECTED_PAUSE_NANOS);
            return;
        }
        operate(current);
        LockSupport.parkNanos(random.nextLong(THINK_NANOS_MAX));
    }

    protected abstract void operate(ZooKeeper session) throws InterruptedException;

    /** An invocation of {@code f} on {@code key} by this worker's current process, not yet recorded. */
    protected HistoryEntry invocation(Fn f, String key) {
        return HistoryEntry.of(EntryType.INVOKE, process, f).withKey(key);
    }

    /** Records the invocation and returns it as stamped (unstamped once the history is full). */
    protected HistoryEntry invoke(HistoryEntry invocation) {
        return context.history().record(invocation).orElse(invocation);
    }

    /** Records a completion built from the invocation; after {@code info} this worker takes a new process number. */
    protected void complete(HistoryEntry completion) {
        context.history().record(completion);
        if (completion.type() == EntryType.INFO) {
            process = context.newProcess();
        }
    }

    @Override
    public void abort() {
        close();
    }

    @Override
    public void close() {
        ZooKeeper current = zk;
        zk = null;
        if (current != null) {
            try {
                current.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
