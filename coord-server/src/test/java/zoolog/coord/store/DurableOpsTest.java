package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/** The replication ops of {@link CoordStore#write}: tokens, truncation, epochs, snapshot install, readLog. */
class DurableOpsTest {
    private static final long WAIT_SECONDS_MAX = 30;
    private static final long EPOCH_1 = 1L << 32;
    private static final long EPOCH_2 = 2L << 32;

    @TempDir
    Path dir;

    @Test
    void everyKindOfOpReportsItsTokenInOrder() throws Exception {
        List<Long> reported = new CopyOnWriteArrayList<>();
        try (CoordStore store = CoordStore.open(dir, null, reported::add)) {
            store.write(10, new DurableOp.SaveEpochs(1, 0, "e"));
            store.write(11, append(EPOCH_1 | 1));
            store.write(12, append(EPOCH_1 | 2));
            store.write(20, new DurableOp.TruncateLog(EPOCH_1 | 1));
            store.write(21, new DurableOp.InstallSnapshot(EPOCH_1 | 5, List.of(), List.of()));
            store.write(22, new DurableOp.TruncateLog(Long.MAX_VALUE));
            store.flush();
            assertEquals(22, store.durableToken());
            assertEquals(22L, reported.get(reported.size() - 1));
            for (int i = 1; i < reported.size(); i++) {
                assertTrue(reported.get(i) > reported.get(i - 1), "reports increase: " + reported);
            }
            assertThrows(IllegalArgumentException.class, () -> store.write(22, new DurableOp.SaveEpochs(1, 1, "e")));
            assertThrows(IllegalArgumentException.class, () -> store.write(5, new DurableOp.SaveEpochs(1, 1, "e")));
        }
        try (CoordStore store = CoordStore.open(dir, null, reported::add)) {
            assertEquals(0, store.durableToken(), "tokens start afresh with each open store");
            assertThrows(IllegalArgumentException.class, () -> store.write(0, new DurableOp.SaveEpochs(1, 1, "e")));
            store.write(1, new DurableOp.SaveEpochs(1, 1, "e"));
        }
    }

    @Test
    void truncationDropsTheTailAndAppendsResumeWithANewEpoch() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            for (long counter = 1; counter <= 5; counter++) {
                store.write(counter, append(EPOCH_1 | counter));
            }
            store.materialize(EPOCH_1 | 2, List.of(new NodeWrite("/a", TestTxns.node(EPOCH_1 | 2, "a"))), List.of());
            store.write(6, new DurableOp.TruncateLog(EPOCH_1 | 3));
            assertEquals(EPOCH_1 | 3, store.lastLoggedZxid());
            assertThrows(IllegalArgumentException.class, () -> store.write(7, append(EPOCH_1 | 3)));
            store.write(7, append(EPOCH_2 | 1));
            store.flush();
            assertEquals(List.of(EPOCH_1 | 1, EPOCH_1 | 2, EPOCH_1 | 3, EPOCH_2 | 1), zxids(store.readLog(0, 100)));
        }
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(List.of("/a"), loaded.paths);
            assertEquals(List.of(EPOCH_1 | 3, EPOCH_2 | 1), loaded.zxids());
            assertEquals(EPOCH_2 | 1, store.lastLoggedZxid());
            assertEquals(EPOCH_1 | 2, store.materializedZxid());
        }
    }

    @Test
    void truncationMayReuseTheDroppedZxids() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            store.write(1, append(1));
            store.write(2, append(2));
            store.write(3, new DurableOp.TruncateLog(1));
            store.write(4, new DurableOp.AppendTxn(TestTxns.create(2, 7, 1, "/replacement", "r")));
        }
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            List<Txn> log = store.readLog(0, 10);
            assertEquals(List.of(1L, 2L), zxids(log));
            assertEquals("/replacement", log.get(1).getCreate().getPath());
        }
    }

    @Test
    void truncationBelowTheMaterialisedZxidIsRefused() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            store.write(1, append(1));
            store.write(2, append(2));
            store.materialize(2, List.of(), List.of());
            assertThrows(IllegalArgumentException.class, () -> store.write(3, new DurableOp.TruncateLog(1)));
            store.write(3, new DurableOp.TruncateLog(2));
            store.flush();
            assertTrue(store.failure().isEmpty(), "a refused op leaves the store working");
            assertEquals(List.of(1L, 2L), zxids(store.readLog(0, 10)));
        }
    }

    @Test
    void epochsSurviveReopen() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            assertEquals(StoredEpochs.NONE, store.epochs());
            assertEquals(new StoredEpochs(0, 0, ""), store.epochs());
            store.write(1, new DurableOp.SaveEpochs(3, 2, "ensemble-\u00e9"));
            store.write(2, new DurableOp.SaveEpochs(4, 3, "ensemble-\u00e9"));
            store.flush();
            assertEquals(new StoredEpochs(4, 3, "ensemble-\u00e9"), store.epochs());
        }
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            assertEquals(new StoredEpochs(4, 3, "ensemble-\u00e9"), store.epochs());
            assertEquals(8, store.getMeta(StoreLayout.META_ACCEPTED_EPOCH).length);
        }
    }

    @Test
    void installedSnapshotReplacesTreeSessionsAndLog() throws Exception {
        long snapshotZxid = EPOCH_2 | 7;
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            for (long counter = 1; counter <= 4; counter++) {
                store.write(counter, append(EPOCH_1 | counter));
            }
            store.materialize(EPOCH_1 | 3, List.of(new NodeWrite("/old", TestTxns.node(1, "old")),
                    new NodeWrite("/", TestTxns.node(0, "root-old"))), List.of(new SessionWrite(9, TestTxns.session(9, 4000))));
            store.write(5, install(snapshotZxid));
            assertEquals(snapshotZxid, store.lastLoggedZxid());
            assertEquals(snapshotZxid, store.materializedZxid());
            assertThrows(IllegalArgumentException.class, () -> store.write(6, append(snapshotZxid)));
            assertThrows(IllegalArgumentException.class,
                    () -> store.materialize(EPOCH_1 | 4, List.of(new NodeWrite("/old", TestTxns.node(1, "old"))), List.of()));
            store.flush();
            assertSnapshotState(store, snapshotZxid, List.of());
            store.write(6, append(snapshotZxid + 1));
        }
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            assertSnapshotState(store, snapshotZxid, List.of(snapshotZxid + 1));
            assertEquals(snapshotZxid + 1, store.lastLoggedZxid());
        }
    }

    /**
     * The writer is held in its first onDurable callback while a lazy materialisation of the old
     * state and then the install are queued, so both land in one WriteBatch: the install's range
     * deletes come after the materialised puts and must win, now and after a reopen.
     */
    @Test
    void materialisationQueuedBeforeAnInstallCannotResurrectTheOldState() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long syncsBefore;
        long snapshotZxid = EPOCH_2 | 1;
        try (CoordStore store = CoordStore.open(dir, null, token -> {
            if (token == 1) {
                writerHeld.countDown();
                awaitQuietly(release);
            }
        })) {
            store.write(1, append(EPOCH_1 | 1));
            assertTrue(writerHeld.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS), "writer reached onDurable");
            syncsBefore = store.syncCount();
            store.write(2, append(EPOCH_1 | 2));
            store.materialize(EPOCH_1 | 2, List.of(new NodeWrite("/old", TestTxns.node(2, "old")),
                    new NodeWrite("/s/1", TestTxns.node(2, "stale"))), List.of(new SessionWrite(9, TestTxns.session(9, 4000))));
            store.write(3, install(snapshotZxid));
            release.countDown();
            store.flush();
            assertEquals(syncsBefore + 1, store.syncCount(), "the materialisation and the install shared one batch");
            assertSnapshotState(store, snapshotZxid, List.of());
        }
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            assertSnapshotState(store, snapshotZxid, List.of());
        }
    }

    @Test
    void readLogIsOrderedAndBounded() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, token -> { })) {
            for (long zxid = 1; zxid <= 10; zxid++) {
                store.write(zxid, append(zxid));
            }
            store.flush();
            assertEquals(List.of(4L, 5L, 6L, 7L), zxids(store.readLog(3, 4)));
            assertEquals(List.of(9L, 10L), zxids(store.readLog(8, 100)));
            assertEquals(List.of(), store.readLog(10, 5));
            assertEquals(List.of(), store.readLog(0, 0));
            assertEquals(List.of(), store.readLog(Long.MAX_VALUE, 5));
            assertEquals(10, store.readLog(-1, Integer.MAX_VALUE).size());
            assertThrows(IllegalArgumentException.class, () -> store.readLog(0, -1));
        }
    }

    private static void assertSnapshotState(CoordStore store, long snapshotZxid, List<Long> tail) throws StoreException {
        TestTxns.Recorder loaded = TestTxns.load(store);
        assertEquals(List.of("/", "/s", "/s/1"), loaded.paths);
        assertEquals(TestTxns.node(snapshotZxid, "s1"), loaded.nodes.get(2));
        assertEquals(List.of(TestTxns.session(5, 6000), TestTxns.session(0x8000_0000_0000_0005L, 7000)), loaded.sessions);
        assertEquals(tail, loaded.zxids());
        assertEquals(tail, zxids(store.readLog(0, 100)));
        assertEquals(snapshotZxid, store.materializedZxid());
    }

    private static DurableOp.InstallSnapshot install(long zxid) {
        List<SnapshotNode> nodes = List.of(snapshotNode("/", TestTxns.node(1, "")), snapshotNode("/s", TestTxns.node(2, "s")),
                snapshotNode("/s/1", TestTxns.node(zxid, "s1")));
        List<StoredSession> sessions = List.of(TestTxns.session(0x8000_0000_0000_0005L, 7000), TestTxns.session(5, 6000));
        return new DurableOp.InstallSnapshot(zxid, nodes, sessions);
    }

    private static SnapshotNode snapshotNode(String path, StoredNode node) {
        return SnapshotNode.newBuilder().setPath(path).setNode(node).build();
    }

    private static DurableOp.AppendTxn append(long zxid) {
        return new DurableOp.AppendTxn(TestTxns.setData(zxid, "/a", 1));
    }

    private static List<Long> zxids(List<Txn> txns) {
        return txns.stream().map(Txn::getZxid).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
