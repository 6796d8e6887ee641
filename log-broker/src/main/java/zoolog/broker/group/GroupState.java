package zoolog.broker.group;

/**
 * The five states of a classic-protocol consumer group, as Kafka's {@code GroupState} names them
 * on the wire (DescribeGroups). A group is Empty without members, PreparingRebalance while it
 * collects JoinGroups for the next generation, CompletingRebalance while it waits for the
 * leader's SyncGroup, Stable once every member has its assignment, Dead once removed.
 */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String wireName;

    GroupState(String wireName) {
        this.wireName = wireName;
    }

    /** The name DescribeGroups reports. */
    public String wireName() {
        return wireName;
    }
}
