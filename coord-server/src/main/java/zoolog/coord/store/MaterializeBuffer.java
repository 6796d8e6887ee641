package zoolog.coord.store;

import java.util.HashMap;
import java.util.Map;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;

/**
 * Materialisations waiting to be written, keeping only the latest value per path and per
 * session (null: deleted). A znode set a hundred times between two writes costs one put instead
 * of a hundred; writing the tree for every transaction was the largest single cost of a write
 * (about a third of the server's CPU in a 3-member ensemble). Bounded by transactions and bytes.
 * Owned by the store's writer thread.
 */
final class MaterializeBuffer {

    /** Transactions buffered before they are written: recovery replays at most this many more. */
    static final int TXNS_MAX = 5_000;
    /** Bytes of buffered values before they are written, so large znodes cannot pile up. */
    static final long BYTES_MAX = 64L << 20;

    private final Map<String, StoredNode> nodes = new HashMap<>();
    private final Map<Long, StoredSession> sessions = new HashMap<>();
    private long zxid = -1;
    private int txns;
    private long bytes;

    void add(StoreWrite.Materialize materialize) {
        for (NodeWrite node : materialize.nodes()) {
            nodes.put(node.path(), node.node());
            bytes += node.path().length() + (node.node() == null ? 0 : node.node().getSerializedSize());
        }
        for (SessionWrite session : materialize.sessions()) {
            sessions.put(session.sessionId(), session.session());
            bytes += Long.BYTES + (session.session() == null ? 0 : session.session().getSerializedSize());
        }
        zxid = materialize.zxid();
        txns++;
    }

    boolean isEmpty() {
        return txns == 0;
    }

    boolean isFull() {
        return txns >= TXNS_MAX || bytes >= BYTES_MAX;
    }

    /** The zxid the buffered state reflects: the last buffered materialisation's. */
    long zxid() {
        return zxid;
    }

    Map<String, StoredNode> nodes() {
        return nodes;
    }

    Map<Long, StoredSession> sessions() {
        return sessions;
    }

    void clear() {
        nodes.clear();
        sessions.clear();
        zxid = -1;
        txns = 0;
        bytes = 0;
    }
}
