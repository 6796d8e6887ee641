package zoolog.coord.it;

import java.nio.file.Path;

/**
 * Chooses which server implementation the compatibility tests run against, from the system
 * property {@value #KIND_PROPERTY}: {@code zoolog} (the default) starts Zoolog's node in-process,
 * {@code apache} starts Apache ZooKeeper in-process — the reference the assertions were written
 * against ({@code mvn verify -Dzoolog.it.server=apache}). The property is read here, at the test edge, and nowhere else.
 */
public final class TestServers {

    public static final String KIND_PROPERTY = "zoolog.it.server";
    public static final String KIND_APACHE = "apache";
    public static final String KIND_ZOOLOG = "zoolog";

    private TestServers() {}

    /** The configured kind, lower-cased; {@code zoolog} when unset. */
    public static String kind() {
        return System.getProperty(KIND_PROPERTY, KIND_ZOOLOG).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Starts a server of the configured kind with its data under {@code baseDir}. */
    public static TestServer start(TestServerConfig config, Path baseDir) throws Exception {
        String kind = kind();
        if (kind.equals(KIND_APACHE)) {
            return ApacheZooKeeperTestServer.start(config, baseDir);
        }
        if (kind.equals(KIND_ZOOLOG)) {
            return ZoologTestServer.start(config, baseDir);
        }
        throw new IllegalArgumentException("unknown " + KIND_PROPERTY + "=" + kind + " (known: " + KIND_ZOOLOG
                + ", " + KIND_APACHE + ")");
    }
}
