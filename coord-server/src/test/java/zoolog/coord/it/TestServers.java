package zoolog.coord.it;

import java.nio.file.Path;

/**
 * Chooses which server implementation the compatibility tests run against, from the system
 * property {@code zoolog.it.server} ({@value #KIND_PROPERTY}): {@code apache} (the default) starts
 * Apache ZooKeeper in-process. The property is read here, at the test edge, and nowhere else.
 */
public final class TestServers {

    public static final String KIND_PROPERTY = "zoolog.it.server";
    public static final String KIND_APACHE = "apache";

    private TestServers() {}

    /** The configured kind, lower-cased; {@code apache} when unset. */
    public static String kind() {
        return System.getProperty(KIND_PROPERTY, KIND_APACHE).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Starts a server of the configured kind with its data under {@code baseDir}. */
    public static TestServer start(TestServerConfig config, Path baseDir) throws Exception {
        String kind = kind();
        if (kind.equals(KIND_APACHE)) {
            return ApacheZooKeeperTestServer.start(config, baseDir);
        }
        throw new IllegalArgumentException("unknown " + KIND_PROPERTY + "=" + kind + " (known: " + KIND_APACHE + ")");
    }
}
