package zoolog.faults.cluster;

import java.util.List;

/**
 * Which server the harness starts. Both read the same zoo.cfg and {@code myid} and answer the same
 * four-letter words, so everything but the command line is shared: Zoolog runs
 * {@code CoordServerMain start-foreground <zoo.cfg>}, Apache ZooKeeper (the reference the harness
 * was first validated against) runs {@code QuorumPeerMain <zoo.cfg>}, both from the harness's own
 * classpath, which holds the coord-server and zookeeper artifacts.
 */
public enum SystemKind {
    ZOOLOG("zoolog.coord.cli.CoordServerMain", List.of("start-foreground"), List.of()),
    /** Its HTTP admin server is switched off: it would take a fixed port per node. */
    APACHE("org.apache.zookeeper.server.quorum.QuorumPeerMain", List.of(),
            List.of("-Dzookeeper.admin.enableServer=false"));

    private final String mainClass;
    private final List<String> argumentsBeforeConfig;
    private final List<String> systemProperties;

    SystemKind(String mainClass, List<String> argumentsBeforeConfig, List<String> systemProperties) {
        this.mainClass = mainClass;
        this.argumentsBeforeConfig = argumentsBeforeConfig;
        this.systemProperties = systemProperties;
    }

    public String mainClass() {
        return mainClass;
    }

    public List<String> argumentsBeforeConfig() {
        return argumentsBeforeConfig;
    }

    public List<String> systemProperties() {
        return systemProperties;
    }
}
