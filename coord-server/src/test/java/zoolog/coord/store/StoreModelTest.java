package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * Random sequences of appends, materialisations, truncations, snapshot installs, epoch saves and
 * close-reopen cycles against a deliberately simple in-memory model: after every reopen, load must
 * report exactly the model's nodes (in UTF-8 byte order), sessions (in unsigned id order) and log
 * tail after materializedZxid, readLog the whole log, and epochs the last saved ones.
 */
class StoreModelTest {
    private static final List<String> PATHS = List.of("/", "/a", "/a/b", "/a-b", "/b", "/\u00e4", "/a/b/c");
    private static final List<Long> SESSION_IDS = List.of(1L, 2L, 0x8000_0000_0000_0001L);

    sealed interface Action {}

    record Append(int count, boolean newEpoch) implements Action {}

    record Materialize(double upToFraction, List<NodeWrite> nodes, List<SessionWrite> sessions) implements Action {}

    record Reopen() implements Action {}

    /** Truncate after the materialised zxid or after a logged zxid above it, picked by fraction. */
    record Truncate(double atFraction) implements Action {}

    record Install(int zxidStep, boolean newEpoch, List<NodeWrite> nodes, List<SessionWrite> sessions) implements Action {}

    record SaveEpochs(long acceptedEpoch, long currentEpoch, String ensembleId) implements Action {}

    @Property(tries = 25)
    void loadMatchesTheModel(@ForAll("actions") List<Action> actions) throws Exception {
        Path dir = Files.createTempDirectory("store-model");
        Model model = new Model();
        CoordStore store = CoordStore.open(dir, null, zxid -> { });
        long token = 0;
        try {
            for (Action action : actions) {
                if (action instanceof Append) {
                    Append append = (Append) action;
                    for (int i = 0; i < append.count(); i++) {
                        long zxid = model.nextZxid(append.newEpoch() && i == 0);
                        Txn txn = TestTxns.setData(zxid, "/a", (int) (zxid % 7));
                        store.write(++token, new DurableOp.AppendTxn(txn));
                        model.log.put(zxid, txn);
                    }
                } else if (action instanceof Materialize) {
                    Materialize m = (Materialize) action;
                    long zxid = model.pickLoggedZxid(m.upToFraction());
                    store.materialize(zxid, m.nodes(), m.sessions());
                    model.materialize(zxid, m.nodes(), m.sessions());
                } else if (action instanceof Truncate) {
                    long afterZxid = model.pickLoggedZxid(((Truncate) action).atFraction());
                    store.write(++token, new DurableOp.TruncateLog(afterZxid));
                    model.truncate(afterZxid);
                } else if (action instanceof Install) {
                    Install install = (Install) action;
                    long zxid = model.nextZxid(install.newEpoch()) + install.zxidStep();
                    store.write(++token, new DurableOp.InstallSnapshot(zxid, snapshotNodes(install.nodes()),
                            install.sessions().stream().map(SessionWrite::session).toList()));
                    model.install(zxid, install.nodes(), install.sessions());
                } else if (action instanceof SaveEpochs) {
                    SaveEpochs save = (SaveEpochs) action;
                    store.write(++token, new DurableOp.SaveEpochs(save.acceptedEpoch(), save.currentEpoch(), save.ensembleId()));
                    model.epochs = new StoredEpochs(save.acceptedEpoch(), save.currentEpoch(), save.ensembleId());
                } else {
                    store.close();
                    store = CoordStore.open(dir, null, zxid -> { });
                    token = 0;
                    model.check(store);
                }
            }
            store.close();
            store = CoordStore.open(dir, null, zxid -> { });
            model.check(store);
        } finally {
            store.close();
            TestTxns.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> append = Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.of(false, false, true))
                .as(Append::new);
        Arbitrary<NodeWrite> nodeWrite = Combinators.combine(Arbitraries.of(PATHS),
                        Arbitraries.strings().alpha().ofMaxLength(5).injectNull(0.3))
                .as((path, data) -> new NodeWrite(path, data == null ? null : TestTxns.node(data.length(), data)));
        Arbitrary<SessionWrite> sessionWrite = Combinators.combine(Arbitraries.of(SESSION_IDS),
                        Arbitraries.integers().between(1000, 40000).injectNull(0.3))
                .as((id, timeout) -> new SessionWrite(id, timeout == null ? null : TestTxns.session(id, timeout)));
        Arbitrary<Action> materialize = Combinators.combine(Arbitraries.doubles().between(0, 1),
                        nodeWrite.list().ofMaxSize(4), sessionWrite.list().ofMaxSize(2))
                .as(Materialize::new);
        Arbitrary<Action> reopen = Arbitraries.just(new Reopen());
        Arbitrary<Action> truncate = Arbitraries.doubles().between(0, 1).map(Truncate::new);
        Arbitrary<SessionWrite> liveSession = Combinators.combine(Arbitraries.of(SESSION_IDS),
                        Arbitraries.integers().between(1000, 40000))
                .as((id, timeout) -> new SessionWrite(id, TestTxns.session(id, timeout)));
        Arbitrary<NodeWrite> liveNode = Combinators.combine(Arbitraries.of(PATHS), Arbitraries.strings().alpha().ofMaxLength(5))
                .as((path, data) -> new NodeWrite(path, TestTxns.node(data.length(), data)));
        Arbitrary<Action> install = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(false, true),
                        liveNode.list().ofMaxSize(5), liveSession.list().ofMaxSize(3))
                .as(Install::new);
        Arbitrary<Action> saveEpochs = Combinators.combine(Arbitraries.longs().between(0, 5), Arbitraries.longs().between(0, 5),
                        Arbitraries.strings().alpha().ofMaxLength(4))
                .as(SaveEpochs::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(4, append),
                        Tuple.of(3, materialize),
                        Tuple.of(1, truncate),
                        Tuple.of(1, install),
                        Tuple.of(1, saveEpochs),
                        Tuple.of(1, reopen))
                .list().ofMaxSize(25);
    }

    private static List<SnapshotNode> snapshotNodes(List<NodeWrite> nodes) {
        return nodes.stream().map(n -> SnapshotNode.newBuilder().setPath(n.path()).setNode(n.node()).build()).toList();
    }

    /** The reference: plain sorted maps, no RocksDB, no laziness. */
    private static final class Model {
        final NavigableMap<Long, Txn> log = new TreeMap<>();
        final TreeMap<String, StoredNode> nodes = new TreeMap<>(
                (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        final TreeMap<Long, StoredSession> sessions = new TreeMap<>(Long::compareUnsigned);
        long materializedZxid;
        long lastZxid;
        StoredEpochs epochs = StoredEpochs.NONE;

        long nextZxid(boolean newEpoch) {
            long epoch = lastZxid >>> 32;
            lastZxid = newEpoch ? (epoch + 1) << 32 | 1 : lastZxid + 1;
            return lastZxid;
        }

        /** The materialised zxid or a logged one above it: what may be materialised next, or truncated after. */
        long pickLoggedZxid(double fraction) {
            List<Long> candidates = new ArrayList<>(log.tailMap(materializedZxid, false).keySet());
            candidates.add(0, materializedZxid);
            return candidates.get((int) Math.min(candidates.size() - 1, fraction * candidates.size()));
        }

        void truncate(long afterZxid) {
            log.tailMap(afterZxid, false).clear();
            lastZxid = Math.min(lastZxid, afterZxid);
        }

        void install(long zxid, List<NodeWrite> nodeWrites, List<SessionWrite> sessionWrites) {
            log.clear();
            nodes.clear();
            sessions.clear();
            materialize(zxid, nodeWrites, sessionWrites);
            lastZxid = zxid;
        }

        void materialize(long zxid, List<NodeWrite> nodeWrites, List<SessionWrite> sessionWrites) {
            for (NodeWrite write : nodeWrites) {
                if (write.node() == null) {
                    nodes.remove(write.path());
                } else {
                    nodes.put(write.path(), write.node());
                }
            }
            for (SessionWrite write : sessionWrites) {
                if (write.session() == null) {
                    sessions.remove(write.sessionId());
                } else {
                    sessions.put(write.sessionId(), write.session());
                }
            }
            materializedZxid = zxid;
        }

        void check(CoordStore store) throws StoreException {
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(new ArrayList<>(nodes.keySet()), loaded.paths);
            assertEquals(new ArrayList<>(nodes.values()), loaded.nodes);
            assertEquals(new ArrayList<>(sessions.values()), loaded.sessions);
            assertEquals(new ArrayList<>(log.tailMap(materializedZxid, false).values()), loaded.txns);
            assertEquals(materializedZxid, store.materializedZxid());
            assertEquals(new ArrayList<>(log.values()), store.readLog(0, Integer.MAX_VALUE));
            assertEquals(epochs, store.epochs());
            assertEquals(Math.max(materializedZxid, log.isEmpty() ? 0 : log.lastKey()), store.lastLoggedZxid());
        }
    }
}
