package zoolog.coord.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zoolog.coord.core.Core;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;
import zoolog.coord.net.FlushableEffects;
import zoolog.coord.testing.Await;
import zoolog.coord.testing.FakeCoreView;
import zoolog.coord.testing.MutableClock;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkResponse;

class CoreLoopTest {

    private static final int TICK_MILLIS = 2000;

    private final MutableClock clock = new MutableClock(1_000_000);
    private final RecordingCore core = new RecordingCore();
    private final CountingEffects effects = new CountingEffects(core);
    private final AtomicInteger fatalCalls = new AtomicInteger();
    private final CoreLoop loop = new CoreLoop(core, effects, clock, TICK_MILLIS / 2, fatalCalls::incrementAndGet);

    @AfterEach
    void close() {
        loop.close();
    }

    private static CoreInput.Disconnected input(long id) {
        return new CoreInput.Disconnected(id);
    }

    private List<CoreInput> nonTicks() {
        return core.steps.stream().map(Step::input).filter(i -> !(i instanceof CoreInput.Tick)).toList();
    }

    @Test
    void inputsQueuedBeforeStartAreOneBatchWithOneFlush() {
        for (long id = 1; id <= 100; id++) {
            assertTrue(loop.submit(input(id)));
        }
        loop.start();
        Await.until("the batch is flushed", () -> effects.flushes.get() == 1);
        List<CoreInput> expected = new ArrayList<>();
        for (long id = 1; id <= 100; id++) {
            expected.add(input(id));
        }
        assertEquals(expected, nonTicks());
        assertEquals(List.of(100), effects.stepsSeenAtFlush, "the flush came after all 100 steps");
    }

    @Test
    void batchesAreBoundedByBatchMax() {
        int inputs = CoreLoop.BATCH_MAX + 1;
        for (long id = 0; id < inputs; id++) {
            loop.submit(input(id));
        }
        loop.start();
        Await.until("both batches are flushed", () -> effects.flushes.get() == 2);
        assertEquals(List.of(CoreLoop.BATCH_MAX, inputs), effects.stepsSeenAtFlush);
    }

    @Test
    void eachStepReadsTheClock() {
        loop.start();
        loop.submit(input(1));
        Await.until("the first input ran", () -> nonTicks().size() == 1);
        clock.advanceMillis(5);
        loop.submit(input(2));
        Await.until("the second input ran", () -> nonTicks().size() == 2);
        assertEquals(List.of(1_000_000L, 1_000_005L),
                core.steps.stream().filter(s -> !(s.input() instanceof CoreInput.Tick)).map(Step::nowMillis).toList());
    }

    @Test
    void ticksFollowTheInjectedClockEveryHalfTick() {
        loop.start();
        loop.submit(input(1));
        Await.until("the input ran", () -> nonTicks().size() == 1);
        assertEquals(0, core.ticks(), "the clock has not moved");

        clock.advanceMillis(TICK_MILLIS / 2);
        loop.submit(input(2)); // wakes the loop now rather than at its next poll timeout
        Await.until("a tick arrived", () -> core.ticks() == 1);
        assertEquals(1_000_000L + TICK_MILLIS / 2, core.lastTickMillis());

        clock.advanceMillis(TICK_MILLIS / 2 - 1);
        loop.submit(input(3));
        Await.until("the input ran", () -> nonTicks().size() == 3);
        assertEquals(1, core.ticks(), "not yet half a tick since the last one");

        clock.advanceMillis(1);
        loop.submit(input(4));
        Await.until("the second tick arrived", () -> core.ticks() == 2);
    }

    @Test
    void queriesRunOnTheCoreThreadBetweenInputs() throws Exception {
        core.view.nodeCount = 3;
        loop.start();
        loop.submit(input(1));
        CompletableFuture<String> answer = loop.query(view -> Thread.currentThread().getName() + ":"
                + view.nodeCount() + ":" + nonTicks().size());
        assertEquals("coord-core:3:1", answer.get(10, TimeUnit.SECONDS), "after the input submitted before it");
    }

    @Test
    void aFailingQueryFailsItsFutureOnly() {
        loop.start();
        CompletableFuture<Object> answer = loop.query(view -> {
            throw new IllegalStateException("bad query");
        });
        assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
        assertTrue(loop.isRunning());
        assertEquals(0, fatalCalls.get());
    }

    @Test
    void anExceptionFromTheCoreStopsTheLoopAndReportsFatal() {
        core.failOn = input(13);
        loop.start();
        loop.submit(input(13));
        Await.until("the fatal callback ran", () -> fatalCalls.get() == 1);
        assertFalse(loop.isRunning());
        assertFalse(loop.submit(input(14)));
        assertTrue(loop.query(view -> 1).isCompletedExceptionally());
    }

    @Test
    void closeStopsTheLoopAndFailsWaitingQueries() {
        CompletableFuture<Integer> waiting = loop.query(view -> 1);
        loop.close();
        assertTrue(waiting.isCompletedExceptionally());
        assertFalse(loop.submit(input(1)));
        assertFalse(loop.isRunning());
    }

    @Test
    void aSubmitterBlockedOnAFullInboxIsReleasedByClose() throws Exception {
        for (int i = 0; i < CoreLoop.INBOX_MAX; i++) {
            assertTrue(loop.submit(input(i)));
        }
        AtomicBoolean accepted = new AtomicBoolean(true);
        Thread submitter = new Thread(() -> accepted.set(loop.submit(input(-1))), "blocked-submitter");
        submitter.start();
        loop.close();
        submitter.join(10_000);
        assertFalse(submitter.isAlive());
        assertFalse(accepted.get(), "the inbox was full and the loop closed");
    }

    @Test
    void tickMillisMustAllowAHalfTick() {
        assertThrows(IllegalArgumentException.class, () -> new CoreLoop(core, effects, clock, 0, () -> { }));
    }

    record Step(long nowMillis, CoreInput input) {}

    /** Records every step; throws on {@code failOn} to play a broken invariant. */
    static final class RecordingCore implements Core {
        final List<Step> steps = new CopyOnWriteArrayList<>();
        final FakeCoreView view = new FakeCoreView();
        volatile CoreInput failOn;

        @Override
        public void step(long nowMillis, CoreInput input) {
            if (input.equals(failOn)) {
                throw new IllegalStateException("invariant broken by " + input);
            }
            steps.add(new Step(nowMillis, input));
        }

        @Override
        public CoreView view() {
            return view;
        }

        long ticks() {
            return steps.stream().filter(s -> s.input() instanceof CoreInput.Tick).count();
        }

        long lastTickMillis() {
            return steps.stream().filter(s -> s.input() instanceof CoreInput.Tick)
                    .reduce((a, b) -> b).orElseThrow().nowMillis();
        }
    }

    /** Counts flushes and notes how many non-tick steps the core had taken at each. */
    static final class CountingEffects implements FlushableEffects {
        final AtomicInteger flushes = new AtomicInteger();
        final List<Integer> stepsSeenAtFlush = new CopyOnWriteArrayList<>();
        private final RecordingCore core;

        CountingEffects(RecordingCore core) {
            this.core = core;
        }

        @Override
        public void flush() {
            stepsSeenAtFlush.add((int) (core.steps.size() - core.ticks()));
            flushes.incrementAndGet();
        }

        @Override
        public void sendConnectResponse(long connectionId, ConnectResponse response) {
            throw new AssertionError("not used");
        }

        @Override
        public void sendReply(long connectionId, int xid, long zxid, int err, ZkResponse body) {
            throw new AssertionError("not used");
        }

        @Override
        public void sendNotification(long connectionId, long zxid, WatcherEvent event) {
            throw new AssertionError("not used");
        }

        @Override
        public void closeConnection(long connectionId) {
            throw new AssertionError("not used");
        }

        @Override
        public void persist(long token, DurableOp op) {
            throw new AssertionError("not used");
        }

        @Override
        public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
            throw new AssertionError("not used");
        }
    }
}
