package zoolog.coord.node;

/**
 * Start-up settings that ZooKeeper reads from Java system properties rather than zoo.cfg, read
 * once at the edge ({@link #fromSystemProperties}) and passed down as values.
 *
 * @param superDigest {@code zookeeper.DigestAuthenticationProvider.superDigest}: the super user's digest, or null
 * @param containerCheckIntervalMillis {@code znode.container.checkIntervalMs}: how often empty containers and expired TTL nodes are removed
 * @param listenBacklog {@code clientPortListenBacklog}: the accept backlog of the client port
 */
public record NodeOptions(String version, String builtOn, String superDigest, long containerCheckIntervalMillis,
        int listenBacklog) {

    public static final long CONTAINER_CHECK_INTERVAL_MILLIS_DEFAULT = 60_000;
    public static final int LISTEN_BACKLOG_DEFAULT = 50;

    public static NodeOptions fromSystemProperties() {
        Package pkg = NodeOptions.class.getPackage();
        String version = pkg.getImplementationVersion() != null ? pkg.getImplementationVersion() : "dev";
        return new NodeOptions(version, "unknown",
                System.getProperty("zookeeper.DigestAuthenticationProvider.superDigest"),
                Long.getLong("znode.container.checkIntervalMs", CONTAINER_CHECK_INTERVAL_MILLIS_DEFAULT),
                Integer.getInteger("clientPortListenBacklog", LISTEN_BACKLOG_DEFAULT));
    }
}
