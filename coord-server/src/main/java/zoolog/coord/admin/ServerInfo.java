package zoolog.coord.admin;

import java.nio.file.Path;
import java.util.List;

/**
 * Facts about this server that the four-letter words print and the core does not know: the
 * version string, the start time and the configuration values {@code conf} lists (the role
 * changes, so the core reports it). Built once by the node from the parsed zoo.cfg; immutable,
 * so any thread may read it.
 *
 * @param quorumConf              the ensemble part of {@code conf} (initLimit, ports, membership),
 *                                "" for a standalone server; see {@link #quorumConf}
 * @param fullVersion             what follows {@code Zookeeper version: }; see {@link #fullVersion(String, String)}
 * @param secureClientPort        -1 when no TLS port is configured, as ZooKeeper prints it
 * @param clientPortListenBacklog -1 for the operating system's default
 */
public record ServerInfo(
        String fullVersion,
        String quorumConf,
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

    /** A standalone server's {@code quorumConf}: conf prints nothing about peers. */
    public static final String STANDALONE = "";

    /**
     * The lines ZooKeeper's {@code conf} adds for an ensemble member, in its order:
     * {@code initLimit}, {@code syncLimit}, {@code electionAlg}, this member's ports and peer type,
     * then {@code membership:} with one {@code server.N} line per member.
     */
    public static String quorumConf(int initLimitTicks, int syncLimitTicks, int electionPort, int quorumPort,
                                    boolean observer, List<String> serverLines) {
        StringBuilder out = new StringBuilder();
        out.append("initLimit=").append(initLimitTicks).append('\n')
                .append("syncLimit=").append(syncLimitTicks).append('\n')
                .append("electionAlg=3\n")
                .append("electionPort=").append(electionPort).append('\n')
                .append("quorumPort=").append(quorumPort).append('\n')
                .append("peerType=").append(observer ? 1 : 0).append('\n')
                .append("membership: \n");
        serverLines.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /**
     * The version in ZooKeeper's {@code <version>-<revision>, built on <date>} shape, with
     * {@code zoolog-<zoologVersion>} as the revision. Tools split on the first {@code -} and on
     * {@code ,}, so both must stay where ZooKeeper puts them.
     */
    public static String fullVersion(String zoologVersion, String builtOn) {
        return COMPATIBLE_ZOOKEEPER_VERSION + "-zoolog-" + zoologVersion + ", built on " + builtOn;
    }
}
