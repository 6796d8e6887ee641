package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.Txn;

class CoordStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripReturnsTreeThenLogTailAfterMaterializedZxid() throws Exception {
        List<Txn> appended = new ArrayList<>();
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            for (long zxid = 1; zxid <= 10; zxid++) {
                Txn txn = TestTxns.setData(zxid, "/a", 10);
                appended.add(txn);
                TestTxns.append(store, txn);
            }
            store.materialize(5,
                    List.of(new NodeWrite("/a/b", TestTxns.node(3, "b")), new NodeWrite("/", TestTxns.node(0, "")),
                            new NodeWrite("/a-b", TestTxns.node(4, "ab")), new NodeWrite("/a", TestTxns.node(2, "a"))),
                    List.of(new SessionWrite(0x200L, TestTxns.session(0x200L, 4000)),
                            new SessionWrite(0x100L, TestTxns.session(0x100L, 3000))));
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(List.of("/", "/a", "/a-b", "/a/b"), loaded.paths);
            assertEquals(TestTxns.node(3, "b"), loaded.nodes.get(3));
            for (int i = 1; i < loaded.paths.size(); i++) {
                String path = loaded.paths.get(i);
                String parent = path.lastIndexOf('/') == 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
                assertTrue(loaded.paths.subList(0, i).contains(parent), "parent of " + path + " comes first");
            }
            assertEquals(List.of(TestTxns.session(0x100L, 3000), TestTxns.session(0x200L, 4000)), loaded.sessions);
            assertEquals(appended.subList(5, 10), loaded.txns);
            assertEquals(10, store.lastLoggedZxid());
            assertEquals(5, store.materializedZxid());
            assertEquals(0, store.durableToken(), "tokens belong to one open store");
        }
    }

    @Test
    void nullValuesDeleteNodesAndSessions() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            TestTxns.append(store, TestTxns.setData(1, "/x", 1));
            store.materialize(1, List.of(new NodeWrite("/x", TestTxns.node(1, "x")), new NodeWrite("/y", TestTxns.node(1, "y"))),
                    List.of(new SessionWrite(7, TestTxns.session(7, 5000))));
            TestTxns.append(store, TestTxns.setData(2, "/x", 1));
            store.materialize(2, List.of(new NodeWrite("/x", null)), List.of(new SessionWrite(7, null)));
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(List.of("/y"), loaded.paths);
            assertEquals(List.of(), loaded.sessions);
            assertEquals(List.of(), loaded.txns);
            assertEquals(2, store.materializedZxid());
        }
    }

    @Test
    void separateDataLogDirHoldsTheWriteAheadLog() throws Exception {
        Path dataDir = dir.resolve("data");
        Path logDir = dir.resolve("datalog");
        try (CoordStore store = CoordStore.open(dataDir, logDir, zxid -> { })) {
            TestTxns.append(store, TestTxns.setData(1, "/a", 100));
            store.flush();
            assertTrue(hasWalFile(logDir.resolve("version-2/wal")), "WAL written under dataLogDir");
            assertTrue(!hasWalFile(dataDir.resolve("version-2/db")), "no WAL inside the database directory");
            Path snapshot = store.snapshot();
            try (StoreReader reader = StoreReader.openSnapshot(snapshot)) {
                assertEquals(1, reader.lastLogZxid(), "a snapshot is self-contained even with a separate WAL");
            }
        }
        try (CoordStore store = CoordStore.open(dataDir, logDir, zxid -> { })) {
            assertEquals(List.of(1L), TestTxns.load(store).zxids());
        }
    }

    private static boolean hasWalFile(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".log"));
        }
    }

    @Test
    void appendedZxidsMustIncrease() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            store.write(1, new DurableOp.AppendTxn(TestTxns.setData(5, "/a", 1)));
            assertThrows(IllegalArgumentException.class, () -> store.write(2, new DurableOp.AppendTxn(TestTxns.setData(5, "/a", 1))));
            assertThrows(IllegalArgumentException.class, () -> store.write(3, new DurableOp.AppendTxn(TestTxns.setData(4, "/a", 1))));
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            assertThrows(IllegalArgumentException.class, () -> store.write(1, new DurableOp.AppendTxn(TestTxns.setData(5, "/a", 1))));
            store.write(1, new DurableOp.AppendTxn(TestTxns.setData(6, "/a", 1)));
        }
    }

    @Test
    void metaValuesAreDurable() throws Exception {
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            assertNull(store.getMeta("secret"));
            store.putMeta("secret", "s-1".getBytes(StandardCharsets.UTF_8));
            for (String reserved : StoreLayout.RESERVED_META_KEYS) {
                assertThrows(IllegalArgumentException.class, () -> store.putMeta(reserved, new byte[8]), reserved);
            }
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            assertArrayEquals("s-1".getBytes(StandardCharsets.UTF_8), store.getMeta("secret"));
        }
    }

    @Test
    void closedStoreRefusesWritesAndReads() throws Exception {
        CoordStore store = CoordStore.open(dir, null, zxid -> { });
        store.close();
        store.close();
        assertThrows(StoreException.class, () -> TestTxns.append(store, TestTxns.setData(1, "/a", 1)));
        assertThrows(StoreException.class, () -> store.load(new TestTxns.Recorder()));
        assertThrows(StoreException.class, () -> store.getMeta("ensembleId"));
    }

    @Test
    void secondWriterOnTheSameDirectoryIsRefused() throws Exception {
        CoordStore first = CoordStore.open(dir, null, zxid -> { });
        try {
            StoreException e = assertThrows(StoreException.class, () -> CoordStore.open(dir, null, zxid -> { }));
            assertTrue(e.getMessage().startsWith("cannot open the store at "), e.getMessage());
        } finally {
            first.close();
        }
    }

    @Test
    void failedWriteFailsTheStoreForGood() throws Exception {
        CompletableFuture<StoreException> reported = new CompletableFuture<>();
        try (CoordStore store = CoordStore.open(StoreConfig.of(dir, null), zxid -> { }, reported::complete)) {
            TestTxns.append(store, TestTxns.setData(1, "/a", 1));
            store.flush();
            // A null path cannot be encoded: the writer fails mid-batch, as it would on an I/O error.
            store.materialize(1, List.of(new NodeWrite(null, StoredNode.getDefaultInstance())), List.of());
            StoreException failure = reported.get(30, TimeUnit.SECONDS);
            assertEquals(failure, store.failure().orElseThrow());
            assertThrows(StoreException.class, () -> TestTxns.append(store, TestTxns.setData(2, "/a", 1)));
            assertThrows(StoreException.class, store::flush);
        }
        try (CoordStore store = CoordStore.open(dir, null, zxid -> { })) {
            assertEquals(List.of(1L), TestTxns.load(store).zxids(), "what was durable before the failure stays");
            assertEquals(0, store.materializedZxid());
        }
    }
}
