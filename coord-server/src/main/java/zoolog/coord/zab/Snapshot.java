package zoolog.coord.zab;

import java.util.List;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredSession;

/** The replicated state at one zxid: every znode and session, as a leader sends it for SNAP sync. */
public record Snapshot(long zxid, List<SnapshotNode> nodes, List<StoredSession> sessions) {}
