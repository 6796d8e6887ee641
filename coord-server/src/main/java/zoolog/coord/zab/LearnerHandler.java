package zoolog.coord.zab;

/**
 * The leader's record of one connected learner: where it is in discovery and synchronisation,
 * how far its log is durable (for counting acks) and when it was last heard from. Owned by
 * {@link Leading} on the core thread.
 */
final class LearnerHandler {

    enum Phase {
        /** Sent FollowerInfo; waiting for the leader's new epoch to be decided. */
        DISCOVERING,
        /** Got LeaderInfo; the leader waits for its AckEpoch. */
        AWAITING_ACK_EPOCH,
        /** Acked the epoch; its sync waits for discovery to end (an observer's, for the leader to be established). */
        PARKED,
        /** Sync stream sent; waiting for the ack of NewLeader. */
        SYNCING,
        /** Acked NewLeader; receives every proposal and commit. */
        BROADCAST
    }

    final int sid;
    final boolean observer;
    Phase phase = Phase.DISCOVERING;
    long acceptedEpoch;
    long currentEpoch;
    long lastZxid;
    String ensembleId = "";
    /** The NewLeader zxid of its sync stream: acking NewLeader means its log holds everything up to here. */
    long newLeaderZxid;
    /** It acked NewLeader, so its log holds the leader's history up to {@link #newLeaderZxid}. */
    boolean newLeaderAcked;
    /** Highest zxid its log is durable up to, as far as its acks tell. */
    long ackedZxid = -1;
    long lastHeardMillis;

    LearnerHandler(int sid, boolean observer, long nowMillis) {
        this.sid = sid;
        this.observer = observer;
        this.lastHeardMillis = nowMillis;
    }

    /** Proposals and commits go to it once its sync stream is on the link. */
    boolean receivesBroadcast() {
        return phase == Phase.SYNCING || phase == Phase.BROADCAST;
    }
}
