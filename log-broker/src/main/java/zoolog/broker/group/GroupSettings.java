package zoolog.broker.group;

/**
 * The group coordinator's broker settings, parsed once from server.properties by the config layer
 * and handed to {@link GroupService#start}: {@code group.initial.rebalance.delay.ms},
 * {@code group.min.session.timeout.ms}, {@code group.max.session.timeout.ms} and
 * {@code group.max.size}. Immutable, so any thread may read it.
 *
 * @param initialRebalanceDelayMs how long a group leaving Empty waits for more members before its
 *     first generation, extended while members keep arriving (Kafka's InitialDelayedJoin)
 * @param minSessionTimeoutMs the smallest session timeout a JoinGroup may ask for
 * @param maxSessionTimeoutMs the largest session timeout a JoinGroup may ask for
 * @param groupMaxSize the most members one group may have (GROUP_MAX_SIZE_REACHED beyond)
 */
public record GroupSettings(int initialRebalanceDelayMs, int minSessionTimeoutMs, int maxSessionTimeoutMs,
        int groupMaxSize) {

    public GroupSettings {
        if (initialRebalanceDelayMs < 0 || minSessionTimeoutMs < 0 || maxSessionTimeoutMs < minSessionTimeoutMs
                || groupMaxSize < 1) {
            throw new IllegalArgumentException("inconsistent group settings: " + initialRebalanceDelayMs + ", "
                    + minSessionTimeoutMs + ", " + maxSessionTimeoutMs + ", " + groupMaxSize);
        }
    }

    /** Kafka 3.9's defaults: 3 s initial delay, sessions of 6 s to 30 min, unlimited group size. */
    public static GroupSettings defaults() {
        return new GroupSettings(3000, 6000, 1_800_000, Integer.MAX_VALUE);
    }
}
