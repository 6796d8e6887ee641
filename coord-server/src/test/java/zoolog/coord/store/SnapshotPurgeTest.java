package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.core.CoreEffects.NodeWrite;

class SnapshotPurgeTest {
    @TempDir
    Path dir;

    @Test
    void snapshotsEverySnapCountTxnsAndPurgeKeepsTheNewest() throws Exception {
        StoreConfig config = StoreConfig.of(dir, null).withSnapCount(10);
        try (CoordStore store = CoordStore.open(config, zxid -> { }, failure -> { })) {
            for (long zxid = 1; zxid <= 55; zxid++) {
                TestTxns.append(store, TestTxns.setData(zxid, "/n" + zxid, 10));
                store.materialize(zxid, List.of(new NodeWrite("/n" + zxid, TestTxns.node(zxid, "v"))), List.of());
                store.flush();
                awaitNoSnapshotRunning(store);
            }
            assertEquals(5, store.snapshots().size(), "one automatic snapshot per 10 logged txns");

            Path latest = store.snapshot();
            assertEquals(StoreLayout.snapshotDir(dir, 55), latest);
            assertEquals(latest, store.snapshot(), "nothing new materialised: the same snapshot");
            assertEquals(6, store.snapshots().size());
            for (Path snapshot : store.snapshots()) {
                assertSnapshotHoldsItsZxid(snapshot);
            }

            assertThrows(IllegalArgumentException.class, () -> store.purge(2));
            List<Path> before = store.snapshots();
            assertEquals(3, store.purge(3));
            assertEquals(before.subList(3, 6), store.snapshots());
            long oldestKept = StoreLayout.snapshotZxid(before.get(3)).getAsLong();
            try (StoreReader live = StoreReader.openLive(dir, null)) {
                assertEquals(oldestKept, live.firstLogZxid(), "log entries before the oldest kept snapshot are gone");
                assertEquals(55, live.lastLogZxid());
            }
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(55, loaded.paths.size());
            assertEquals(List.of(), loaded.txns);
            assertEquals(55, store.lastLoggedZxid());
        }
    }

    /** Automatic snapshots run on their own thread; the test lets each finish before the next write. */
    private static void awaitNoSnapshotRunning(CoordStore store) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.snapshotRunning()) {
            assertTrue(System.nanoTime() < deadline, "an automatic snapshot took more than 30 s");
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void assertSnapshotHoldsItsZxid(Path snapshot) throws StoreException {
        long zxid = StoreLayout.snapshotZxid(snapshot).getAsLong();
        try (StoreReader reader = StoreReader.openSnapshot(snapshot)) {
            assertEquals(zxid, reader.materializedZxid());
            long[] nodes = {0};
            reader.forEachNode((path, node) -> nodes[0]++);
            assertEquals(zxid, nodes[0], snapshot + " holds the tree as of its zxid");
        }
    }
}
