package zoolog.coord.it;

/**
 * What a test class may ask of its server, as zoo.cfg-style settings. The defaults mirror the
 * sample {@code zoo.cfg} from the seeds ({@code tickTime=2000}) with every four-letter word enabled,
 * plus a short container/TTL reaping interval so tests that wait for reaping finish in seconds
 * (ZooKeeper's default is one minute, {@code znode.container.checkIntervalMs}).
 *
 * @param tickTimeMillis           zoo.cfg {@code tickTime}
 * @param minSessionTimeoutMillis  zoo.cfg {@code minSessionTimeout}; -1 means 2 × tickTime
 * @param maxSessionTimeoutMillis  zoo.cfg {@code maxSessionTimeout}; -1 means 20 × tickTime
 * @param fourLetterWordWhitelist  zoo.cfg {@code 4lw.commands.whitelist}, comma separated or {@code *}
 * @param containerCheckIntervalMillis how often empty containers and expired TTL nodes are deleted
 */
public record TestServerConfig(
        int tickTimeMillis,
        int minSessionTimeoutMillis,
        int maxSessionTimeoutMillis,
        String fourLetterWordWhitelist,
        int containerCheckIntervalMillis) {

    public static final int TICK_TIME_MILLIS_DEFAULT = 2000;
    public static final int CONTAINER_CHECK_INTERVAL_MILLIS_DEFAULT = 100;

    public static TestServerConfig defaults() {
        return new TestServerConfig(TICK_TIME_MILLIS_DEFAULT, -1, -1, "*", CONTAINER_CHECK_INTERVAL_MILLIS_DEFAULT);
    }

    /** The smallest session timeout the server grants, after applying the 2 × tickTime default. */
    public int effectiveMinSessionTimeoutMillis() {
        return minSessionTimeoutMillis == -1 ? 2 * tickTimeMillis : minSessionTimeoutMillis;
    }

    /** The largest session timeout the server grants, after applying the 20 × tickTime default. */
    public int effectiveMaxSessionTimeoutMillis() {
        return maxSessionTimeoutMillis == -1 ? 20 * tickTimeMillis : maxSessionTimeoutMillis;
    }

    static TestServerConfig from(WithServerConfig annotation) {
        if (annotation == null) {
            return defaults();
        }
        return new TestServerConfig(
                annotation.tickTimeMillis(),
                annotation.minSessionTimeoutMillis(),
                annotation.maxSessionTimeoutMillis(),
                annotation.fourLetterWordWhitelist(),
                annotation.containerCheckIntervalMillis());
    }
}
