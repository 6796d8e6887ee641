package zoolog.coord.zab;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one member knows about its ensemble and its timing, already validated by the
 * configuration layer. Times are in ticks ({@code tickTime}), as in zoo.cfg.
 *
 * @param myId this member's {@code myid}
 * @param voters the participants: they vote, and a majority of them is a quorum
 * @param observers members that follow the leader without voting
 * @param tickMillis ZooKeeper's {@code tickTime}
 * @param initLimitTicks how long discovery plus synchronisation may take
 * @param syncLimitTicks how long a leader and a learner may go without hearing from each other
 * @param historyWindowMax committed transactions kept in memory for DIFF sync; a learner further
 *                         behind gets a snapshot instead
 * @param snapshotChunkNodesMax znodes per snapshot message, which bounds a peer frame
 * @param counterMax the zxid counter value at which a leader hands over to a new epoch
 *                   ({@link Zxid#COUNTER_MAX} minus a margin; small in simulations)
 * @param finalizeWaitMillis how long election waits for more votes once a quorum agrees
 */
public record ZabSettings(
        int myId,
        Set<Integer> voters,
        Set<Integer> observers,
        int tickMillis,
        int initLimitTicks,
        int syncLimitTicks,
        int historyWindowMax,
        int snapshotChunkNodesMax,
        long counterMax,
        int finalizeWaitMillis) {

    public ZabSettings {
        // Sorted, so iteration (and therefore message order) is the same in every run of a seed.
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        observers = Collections.unmodifiableSortedSet(new TreeSet<>(observers));
        if (!voters.contains(myId) && !observers.contains(myId)) {
            throw new IllegalArgumentException("myid " + myId + " is not among the servers");
        }
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one voter");
        }
    }

    public long initLimitMillis() {
        return (long) initLimitTicks * tickMillis;
    }

    public long syncLimitMillis() {
        return (long) syncLimitTicks * tickMillis;
    }

    public boolean isObserver() {
        return observers.contains(myId);
    }

    /** A majority of the voters: any two quorums share a voter, which is what makes ZAB safe. */
    public boolean isQuorum(Set<Integer> sids) {
        int votes = 0;
        for (int sid : sids) {
            if (voters.contains(sid)) {
                votes++;
            }
        }
        return isQuorumCount(votes);
    }

    /** {@code votes} distinct voters make a quorum. */
    public boolean isQuorumCount(int votes) {
        return votes * 2 > voters.size();
    }
}
