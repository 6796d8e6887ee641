package zoolog.coord.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The coordination server's configuration, parsed once from zoo.cfg (and the myid file) by
 * {@link ZooCfgParser} and immutable afterwards, so no component reads configuration late or from
 * system properties. Field names follow Zoolog's naming (units and {@code Max} last); the zoo.cfg key
 * of each field is listed in {@code docs/reference/zoo-cfg.md}, generated from {@link ZooCfgKeys}.
 * Paths are absolute (relative paths in zoo.cfg resolve against the working directory, as in
 * ZooKeeper). {@code rawProperties} keeps every key/value as written, in file order, for {@code conf}.
 *
 * @param tickTimeMillis the basic time unit; heartbeats and the limits below are counted in ticks
 * @param dataDir where snapshots, the {@code myid} file and the pid file live
 * @param dataLogDir where the transaction log lives (defaults to {@code dataDir})
 * @param clientPortAddress the address the client port binds to (the wildcard address by default)
 * @param clientPort the port clients connect to
 * @param sessionTimeoutMillisMin lower clamp for a client's requested session timeout
 * @param sessionTimeoutMillisMax upper clamp for a client's requested session timeout
 * @param clientConnectionsPerHostMax concurrent connections one client IP may hold; 0 means unlimited
 * @param fourLetterWordWhitelist enabled four-letter words; {@code "*"} enables all; always holds {@code srvr}
 * @param autopurgeIntervalHours how often old snapshots and logs are purged; 0 disables purging
 * @param autopurgeSnapRetainCount how many recent snapshots (and the logs they need) a purge keeps
 * @param juteBufferBytesMax the largest request or reply frame, and so the largest znode payload
 * @param snapCount transactions logged between snapshots (ZooKeeper randomises within half of it)
 * @param initLimitTicks ticks a follower may take to connect to and sync with the leader
 * @param syncLimitTicks ticks a follower may lag behind the leader before it is dropped
 * @param servers the ensemble from {@code server.N} lines, ordered by id; empty when standalone
 * @param peerType this server's role (from its {@code server.N} line when there is one)
 * @param myid this server's id from {@code <dataDir>/myid}; empty when there are no server lines
 * @param extendedTypesEnabled whether TTL nodes may be created (they need extended session ids)
 * @param reconfigEnabled whether the dynamic {@code reconfig} operation is allowed
 * @param standaloneEnabled whether a single-participant ensemble runs in standalone mode
 * @param rawProperties every key as written in the file, in file order (last occurrence wins)
 */
public record CoordConfig(
        int tickTimeMillis,
        Path dataDir,
        Path dataLogDir,
        InetAddress clientPortAddress,
        int clientPort,
        int sessionTimeoutMillisMin,
        int sessionTimeoutMillisMax,
        int clientConnectionsPerHostMax,
        Set<String> fourLetterWordWhitelist,
        int autopurgeIntervalHours,
        int autopurgeSnapRetainCount,
        int juteBufferBytesMax,
        int snapCount,
        int initLimitTicks,
        int syncLimitTicks,
        List<ServerSpec> servers,
        PeerType peerType,
        OptionalInt myid,
        boolean extendedTypesEnabled,
        boolean reconfigEnabled,
        boolean standaloneEnabled,
        Map<String, String> rawProperties) {

    /** Whitelist entry that enables every four-letter word. */
    public static final String ALL_FOUR_LETTER_WORDS = "*";

    public CoordConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(dataLogDir, "dataLogDir");
        Objects.requireNonNull(clientPortAddress, "clientPortAddress");
        Objects.requireNonNull(peerType, "peerType");
        Objects.requireNonNull(myid, "myid");
        fourLetterWordWhitelist = Set.copyOf(fourLetterWordWhitelist);
        servers = List.copyOf(servers);
        rawProperties = Collections.unmodifiableMap(new LinkedHashMap<>(rawProperties));
        if (tickTimeMillis <= 0) {
            throw new IllegalArgumentException("tickTimeMillis must be positive: " + tickTimeMillis);
        }
        if (clientPort < 0 || clientPort > 65535) {
            throw new IllegalArgumentException("clientPort out of range: " + clientPort);
        }
        if (sessionTimeoutMillisMin > sessionTimeoutMillisMax) {
            throw new IllegalArgumentException("sessionTimeoutMillisMin > sessionTimeoutMillisMax");
        }
        if (!servers.isEmpty() && myid.isEmpty()) {
            throw new IllegalArgumentException("an ensemble member needs a myid");
        }
    }

    /** The address the client listener binds. */
    public InetSocketAddress clientSocketAddress() {
        return new InetSocketAddress(clientPortAddress, clientPort);
    }

    /**
     * Whether this server runs alone rather than as an ensemble member. Like ZooKeeper, an ensemble
     * with a single participant runs standalone unless {@code standaloneEnabled=false}.
     */
    public boolean standalone() {
        long participants = servers.stream().filter(s -> !s.observer()).count();
        return servers.isEmpty() || (standaloneEnabled && participants <= 1);
    }

    /** This server's own {@code server.N} line, if the file has server lines. */
    public Optional<ServerSpec> self() {
        if (myid.isEmpty()) {
            return Optional.empty();
        }
        int id = myid.getAsInt();
        return servers.stream().filter(s -> s.id() == id).findFirst();
    }

    /** Whether the four-letter word {@code command} (e.g. {@code "stat"}) may be executed. */
    public boolean fourLetterWordAllowed(String command) {
        return fourLetterWordWhitelist.contains(ALL_FOUR_LETTER_WORDS) || fourLetterWordWhitelist.contains(command);
    }

    /** Where {@code bin/coord-server} and {@code start-foreground} keep the running server's process id. */
    public Path pidFile() {
        return dataDir.resolve("zookeeper_server.pid");
    }
}
