package zoolog.broker.partition;

import java.util.List;

/**
 * Who holds a partition and who is caught up, as {@code /brokers/topics/T/partitions/P/state}
 * records it: the leader, its epoch (bumped on every leader change, stamped into every batch
 * it appends), the assigned replicas (AR) and the in-sync replicas (ISR ⊆ AR). Kept explicit even
 * while Zoolog runs one broker per partition, so that replication only changes how it evolves.
 */
public record ReplicaState(int leader, int leaderEpoch, List<Integer> replicas, List<Integer> isr) {

    public ReplicaState {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** A partition led by its only replica, {@code brokerId}, at {@code leaderEpoch}. */
    public static ReplicaState soleReplica(int brokerId, int leaderEpoch) {
        return new ReplicaState(brokerId, leaderEpoch, List.of(brokerId), List.of(brokerId));
    }
}
