package zoolog.coord.tools;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;

/**
 * Renders a materialised tree as text, like ZooKeeper's zkSnapShotToolkit: one line per node
 * (path, stat fields, data length; {@code cversion} is the stored count of child creations),
 * then one line per session with the number of ephemerals it owns, then a count. Nodes must come
 * before sessions, as {@link zoolog.coord.store.StoreReader} delivers them, because the ephemeral
 * counts are gathered from the nodes. No I/O: lines go to the given consumer.
 */
public final class SnapshotDump {
    private final Consumer<String> out;
    /** Ephemerals per owner; at most one entry per node seen. */
    private final Map<Long, Integer> ephemeralCounts = new HashMap<>();
    private long nodeCount;
    private long sessionCount;

    public SnapshotDump(Consumer<String> out) {
        this.out = out;
    }

    public void node(String path, StoredNode node) {
        if (node.getEphemeralOwner() != 0) {
            ephemeralCounts.merge(node.getEphemeralOwner(), 1, Integer::sum);
        }
        nodeCount++;
        out.accept(nodeLine(path, node));
    }

    public void session(StoredSession session) {
        sessionCount++;
        out.accept(sessionLine(session, ephemeralCounts.getOrDefault(session.getSessionId(), 0)));
    }

    /** The closing line: how many nodes and sessions were rendered. */
    public void finish() {
        out.accept(nodeCount + " nodes, " + sessionCount + " sessions");
    }

    public static String nodeLine(String path, StoredNode node) {
        return path
                + " czxid 0x" + Long.toHexString(node.getCzxid())
                + " ctime " + Instant.ofEpochMilli(node.getCtime())
                + " mzxid 0x" + Long.toHexString(node.getMzxid())
                + " mtime " + Instant.ofEpochMilli(node.getMtime())
                + " pzxid 0x" + Long.toHexString(node.getPzxid())
                + " version " + node.getVersion()
                + " cversion " + node.getCversion()
                + " aversion " + node.getAversion()
                + " ephemeralOwner 0x" + Long.toHexString(node.getEphemeralOwner())
                + " dataLength " + TxnLogDump.dataLength(node.getDataNull(), node.getData().size());
    }

    public static String sessionLine(StoredSession session, int ephemeralCount) {
        return "session 0x" + Long.toHexString(session.getSessionId())
                + " timeout " + session.getTimeoutMillis()
                + " ephemerals " + ephemeralCount;
    }
}
