package zoolog.coord.admin;

import java.nio.file.Path;

/**
 * Facts about this server that the four-letter words print and the core does not know: the
 * version string, the role ({@code standalone}, {@code leader}, {@code follower},
 * {@code observer}), the start time and the configuration values {@code conf} lists. Built once by
 * the node from the parsed zoo.cfg; immutable, so any thread may read it.
 *
 * @param fullVersion             what follows {@code Zookeeper version: }; see {@link #fullVersion(String, String)}
 * @param secureClientPort        -1 when no TLS port is configured, as ZooKeeper prints it
 * @param clientPortListenBacklog -1 for the operating system's default
 */
public record ServerInfo(
        String fullVersion,
        String mode,
        long serverId,
        long startedAtMillis,
        int clientPort,
        int secureClientPort,
        Path dataDir,
        Path dataLogDir,
        int tickTimeMillis,
        int maxClientCnxns,
        int minSessionTimeoutMillis,
        int maxSessionTimeoutMillis,
        int clientPortListenBacklog) {

    /** The ZooKeeper release whose client protocol and admin output Zoolog follows. */
    public static final String COMPATIBLE_ZOOKEEPER_VERSION = "3.9.3";

    /** The role of a single server without peers. */
    public static final String MODE_STANDALONE = "standalone";

    /**
     * The version in ZooKeeper's {@code <version>-<revision>, built on <date>} shape, with
     * {@code zoolog-<zoologVersion>} as the revision. Tools split on the first {@code -} and on
     * {@code ,}, so both must stay where ZooKeeper puts them.
     */
    public static String fullVersion(String zoologVersion, String builtOn) {
        return COMPATIBLE_ZOOKEEPER_VERSION + "-zoolog-" + zoologVersion + ", built on " + builtOn;
    }
}
