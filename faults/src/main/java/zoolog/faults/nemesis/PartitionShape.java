package zoolog.faults.nemesis;

/**
 * How a partition splits the peers. {@code MAJORITY_MINORITY}: two sides that cannot reach each
 * other, one with a quorum. {@code ISOLATED_LEADER}: the current leader alone against the rest,
 * which must elect a new one while the old leader may still think it leads. {@code BRIDGE}: two
 * halves that cannot reach each other but both reach one bridge node, so no node sees a clean
 * split and two different majorities overlap only in the bridge (Jepsen's "bridge" nemesis).
 */
public enum PartitionShape { MAJORITY_MINORITY, ISOLATED_LEADER, BRIDGE }
