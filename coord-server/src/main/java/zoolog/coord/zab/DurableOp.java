package zoolog.coord.zab;

import java.util.List;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * A write the replication core needs on disk before it may say so to anyone: a logged proposal
 * before its ack, an epoch before the promise that depends on it. The adapter makes each durable
 * in call order and reports {@code Durable(token)} with the highest durable token, so one report
 * covers every earlier op.
 */
public sealed interface DurableOp {

    /** Append a transaction to the log (ZooKeeper's txn log). */
    record AppendTxn(Txn txn) implements DurableOp {}

    /** Drop every logged transaction with a zxid above {@code afterZxid}: proposals never committed. */
    record TruncateLog(long afterZxid) implements DurableOp {}

    /**
     * The epochs this member has promised ({@code acceptedEpoch}) and followed
     * ({@code currentEpoch}), and the id of the ensemble its data belongs to.
     */
    record SaveEpochs(long acceptedEpoch, long currentEpoch, String ensembleId) implements DurableOp {}

    /** Replace the whole state (tree, sessions, log) with a leader's snapshot taken at {@code zxid}. */
    record InstallSnapshot(long zxid, List<SnapshotNode> nodes, List<StoredSession> sessions) implements DurableOp {}
}
