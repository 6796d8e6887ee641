package zoolog.coord.node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.core.Core;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;
import zoolog.coord.net.CoreGateway;
import zoolog.coord.net.FlushableEffects;

/**
 * The thread that owns the coordination core. Netty threads and the store put inputs into one
 * bounded inbox; the {@code coord-core} thread drains it in batches, steps the core once per
 * input with the time read from the injected clock, and flushes the buffered effects once per
 * batch (one socket write per connection, not per reply). It also sends {@link CoreInput.Tick}
 * every half tick, timed by its own {@code poll} timeout, and runs admin queries between inputs
 * so they see a consistent view without locks.
 *
 * <pre>
 *   netty threads ──submit──▶ [inbox ≤ INBOX_MAX] ──▶ coord-core: step, step, ... flush
 *   4lw / metrics ──query───▶        (same inbox)        └─ answers the future in order
 * </pre>
 *
 * An exception from the core, a query excepted, means a broken invariant: the loop logs it,
 * stops and calls {@code onFatal} so the node can shut down rather than serve from a core in an
 * unknown state.
 */
public final class CoreLoop implements CoreGateway, AutoCloseable {

    /**
     * Inputs and queries waiting for the core. Bounded so a burst of clients cannot grow the heap
     * without limit; a full inbox blocks the submitting Netty thread, which then stops reading its
     * sockets. 64Ki entries is about a second of peak load and a few MiB of small records.
     */
    public static final int INBOX_MAX = 65_536;

    /**
     * Inputs handled before effects are flushed. Large enough to amortise flushes under load,
     * small enough that the first reply of a batch is not held back for long.
     */
    public static final int BATCH_MAX = 1_024;

    /** How long {@link #close()} waits for the core thread to finish its current batch. */
    static final long CLOSE_WAIT_MILLIS_MAX = 10_000;

    /** How often a blocked {@link #submit} re-checks that the loop is still running. */
    private static final long SUBMIT_RECHECK_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(CoreLoop.class);

    private final Core core;
    private final FlushableEffects effects;
    private final Clock clock;
    private final long tickIntervalMillis;
    private final Runnable onFatal;
    private final BlockingQueue<Work> inbox = new ArrayBlockingQueue<>(INBOX_MAX);
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Thread thread;

    /**
     * @param tickIntervalMillis how often the core receives a Tick: half of ZooKeeper's
     *                   {@code tickTime} for a standalone server, so session expiry is detected
     *                   within half a tick of being due; more often in an ensemble, where
     *                   election rounds are timed by ticks too
     * @param onFatal    called once, on the core thread, when the core throws
     */
    public CoreLoop(Core core, FlushableEffects effects, Clock clock, long tickIntervalMillis, Runnable onFatal) {
        if (tickIntervalMillis < 1) {
            throw new IllegalArgumentException("tickIntervalMillis must be at least 1, was " + tickIntervalMillis);
        }
        this.core = core;
        this.effects = effects;
        this.clock = clock;
        this.tickIntervalMillis = tickIntervalMillis;
        this.onFatal = onFatal;
        this.thread = new Thread(this::run, "coord-core");
    }

    /** Starts the core thread; inputs submitted before this wait in the inbox. */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("core loop already started or stopped");
        }
        thread.start();
    }

    /** False before {@link #start()} and after {@link #close()} or a fatal core failure. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    @Override
    public boolean submit(CoreInput input) {
        return enqueue(new Step(input));
    }

    @Override
    public <T> CompletableFuture<T> query(Function<CoreView, T> question) {
        Query<T> query = new Query<>(question, new CompletableFuture<>());
        if (!enqueue(query)) {
            query.answer().completeExceptionally(new IllegalStateException("the coordination core is not running"));
        }
        return query.answer();
    }

    /** Stops the loop after its current batch and waits for the thread; queued work is dropped. */
    @Override
    public void close() {
        State previous = state.getAndSet(State.STOPPED);
        if (previous == State.RUNNING && Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(CLOSE_WAIT_MILLIS_MAX);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failQueuedQueries();
    }

    private boolean enqueue(Work work) {
        try {
            while (state.get() != State.STOPPED) {
                if (inbox.offer(work, SUBMIT_RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (state.get() == State.STOPPED) {
                        // Stopped while we were enqueueing: nobody will run this, so say so.
                        failQueuedQueries();
                        return false;
                    }
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void run() {
        List<Work> batch = new ArrayList<>(BATCH_MAX);
        long nextTickAtMillis = clock.millis() + tickIntervalMillis;
        try {
            while (state.get() == State.RUNNING) {
                long nowMillis = clock.millis();
                boolean stepped = false;
                if (nowMillis >= nextTickAtMillis || nowMillis < nextTickAtMillis - tickIntervalMillis) {
                    // Also re-arms when the clock stepped backwards, so a clock change cannot stall ticks.
                    nextTickAtMillis = nowMillis + tickIntervalMillis;
                    core.step(nowMillis, new CoreInput.Tick());
                    stepped = true;
                }
                long waitMillis = Math.max(1, Math.min(tickIntervalMillis, nextTickAtMillis - nowMillis));
                Work first = inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, BATCH_MAX - 1);
                    for (Work work : batch) {
                        handle(work);
                    }
                    batch.clear();
                    stepped = true;
                }
                if (stepped) {
                    effects.flush();
                }
            }
        } catch (InterruptedException e) {
            LOG.debug("core loop interrupted, stopping");
        } catch (RuntimeException | Error e) {
            LOG.error("The coordination core failed; stopping the node", e);
            state.set(State.STOPPED);
            failQueuedQueries();
            onFatal.run();
        }
    }

    private void handle(Work work) {
        if (work instanceof Step step) {
            core.step(clock.millis(), step.input());
        } else if (work instanceof Query<?> query) {
            query.run(core.view());
        }
    }

    private void failQueuedQueries() {
        List<Work> left = new ArrayList<>();
        inbox.drainTo(left);
        for (Work work : left) {
            if (work instanceof Query<?> query) {
                query.answer().completeExceptionally(new IllegalStateException("the coordination core stopped"));
            }
        }
    }

    private enum State { NEW, RUNNING, STOPPED }

    private sealed interface Work permits Step, Query {}

    private record Step(CoreInput input) implements Work {}

    private record Query<T>(Function<CoreView, T> question, CompletableFuture<T> answer) implements Work {
        void run(CoreView view) {
            T result;
            try {
                result = question.apply(view);
            } catch (RuntimeException e) {
                LOG.warn("An admin query failed on the core thread", e);
                answer.completeExceptionally(e);
                return;
            }
            answer.complete(result);
        }
    }
}
