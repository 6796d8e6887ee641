package zoolog.coord.zab;

import java.util.List;
import zoolog.protocol.peer.ForwardRejected;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.SyncReply;
import zoolog.protocol.txn.Txn;

/**
 * The state machine that ZAB replicates, as the replication core sees it: the coordination core
 * (tree, sessions, clients) implements it. All calls come on the core thread. Transactions reach
 * {@link #apply} exactly once each, in zxid order, and only once a quorum has them durable.
 */
public interface ReplicatedState {

    long lastAppliedZxid();

    /** A committed transaction, the next in zxid order. */
    void apply(Txn txn);

    /** A point-in-time copy of everything applied, for a learner too far behind for DIFF. */
    Snapshot snapshot();

    /** Replaces everything with a leader's snapshot (the learner's own state was too old). */
    void install(Snapshot snapshot);

    /**
     * The member's role changed. Serving roles start taking clients; {@code LOOKING} turns them
     * away and closes existing connections (their sessions live on in the ensemble). A new leader
     * is told the first zxid it may propose.
     */
    void roleChanged(Role role, int leaderSid, long nextZxid);

    /** Leader: a learner forwarded a client's write, session operation or sync. */
    void forwarded(int fromSid, ForwardedRequest request);

    /** Leader: learners report sessions their clients touched, so expiry is ensemble-wide. */
    void touchSessions(List<Long> sessionIds);

    /** Learner: the leader rejected a forwarded write. */
    void rejected(ForwardRejected rejection);

    /** Learner: the leader answered a forwarded sync; every earlier commit has been applied. */
    void syncReplied(SyncReply reply);

    /** Learner: sessions touched by local clients since the last call, for the next heartbeat. */
    List<Long> takeTouchedSessions();
}
