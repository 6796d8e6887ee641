package zoolog.faults.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client threads of one workload: each runs its {@link Worker}'s {@code step} until the pool
 * is stopped or the history is full, then closes the worker. {@link #stop} waits a bounded time
 * for the steps under way (an operation completes or the client reports a lost connection within
 * its session timeout), then aborts stragglers by closing their clients, which fails their
 * pending operations. Created, started and stopped by the run's main thread.
 */
final class WorkerPool {

    /** Longer than a session timeout: the client has reported every pending operation by then. */
    static final long STOP_WAIT_MILLIS_MAX = 15_000;
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** One client's loop body; owned by its thread except for {@link #abort}. */
    interface Worker {
        /** One operation (or one wait for a session); returns promptly once {@code stopping} is true. */
        void step(BooleanSupplier stopping) throws InterruptedException;

        /** Closes the worker's clients from another thread, so a stuck step fails fast. */
        void abort();

        /** Closes the worker's clients from its own thread once it stopped. */
        void close();
    }

    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BooleanSupplier historyFull;
    private volatile boolean stopping;

    WorkerPool(String name, int count, IntFunction<Worker> factory, BooleanSupplier historyFull) {
        this.historyFull = historyFull;
        for (int i = 0; i < count; i++) {
            Worker worker = factory.apply(i);
            workers.add(worker);
            Thread thread = new Thread(() -> loop(worker), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void loop(Worker worker) {
        BooleanSupplier done = () -> stopping || historyFull.getAsBoolean();
        try {
            while (!done.getAsBoolean()) {
                worker.step(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("worker {} failed", Thread.currentThread().getName(), e);
        } finally {
            worker.close();
        }
    }

    void stop() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + STOP_WAIT_MILLIS_MAX * 1_000_000;
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i).isAlive()) {
                LOG.warn("{} is still in an operation; closing its client", threads.get(i).getName());
                workers.get(i).abort();
                threads.get(i).join(STOP_WAIT_MILLIS_MAX);
            }
        }
    }
}
