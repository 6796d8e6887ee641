package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    private static final long WAIT_SECONDS_MAX = 30;

    @TempDir
    Path dir;

    /**
     * The writer is held inside its first onDurable callback until every producer has queued
     * all its appends, so what follows is decided by the design, not by timing: the writer must
     * drain them all into a handful of batches, each with one fsync.
     */
    @Test
    void concurrentAppendsShareFsyncsAndDurableTokenIsMonotonic() throws Exception {
        int threads = 4;
        int appendsPerThread = 1000;
        CountDownLatch allQueued = new CountDownLatch(1);
        List<Long> durable = new CopyOnWriteArrayList<>();
        AtomicLong nextZxid = new AtomicLong(1);
        Object zxidOrder = new Object();
        try (CoordStore store = CoordStore.open(dir, null, token -> {
            durable.add(token);
            awaitQuietly(allQueued);
        })) {
            List<Thread> producers = new CopyOnWriteArrayList<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread producer = new Thread(() -> {
                    try {
                        for (int i = 0; i < appendsPerThread; i++) {
                            synchronized (zxidOrder) {
                                TestTxns.append(store, TestTxns.setData(nextZxid.getAndIncrement(), "/p", 100));
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "producer-" + t);
                producers.add(producer);
                producer.start();
            }
            for (Thread producer : producers) {
                producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS_MAX));
            }
            allQueued.countDown();
            store.flush();
            assertEquals(List.of(), errors);

            long appends = (long) threads * appendsPerThread;
            assertEquals(appends, store.durableToken());
            assertEquals(appends, durable.get(durable.size() - 1));
            assertTrue(store.syncCount() <= 3, "syncs " + store.syncCount() + " for " + appends + " appends");
            assertEquals(store.syncCount(), durable.size(), "one onDurable per synced group");
            for (int i = 1; i < durable.size(); i++) {
                assertTrue(durable.get(i) > durable.get(i - 1), "onDurable increases: " + durable);
            }
        }
    }

    @Test
    void fullQueueBlocksTheAppenderUntilTheWriterCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writerHeld = new CountDownLatch(1);
        StoreConfig config = StoreConfig.of(dir, null).withQueuedWritesMax(4);
        try (CoordStore store = CoordStore.open(config, token -> {
            writerHeld.countDown();
            awaitQuietly(release);
        }, failure -> { })) {
            TestTxns.append(store, TestTxns.setData(1, "/p", 1));
            // Hold the writer inside its first group (just txn 1), so the queue alone must absorb the producer.
            assertTrue(writerHeld.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS), "writer reached onDurable");
            AtomicLong queued = new AtomicLong();
            Thread producer = new Thread(() -> {
                try {
                    for (long zxid = 2; zxid <= 10; zxid++) {
                        TestTxns.append(store, TestTxns.setData(zxid, "/p", 1));
                        queued.set(zxid);
                    }
                } catch (StoreException e) {
                    throw new IllegalStateException(e);
                }
            }, "producer");
            producer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
            while (producer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.WAITING, producer.getState(), "producer blocked on the full queue");
            assertTrue(queued.get() <= 5, "txn 1 in the writer plus at most 4 queued, got " + queued.get());
            release.countDown();
            producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS_MAX));
            store.flush();
            assertEquals(10, store.durableToken());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
