package zoolog.coord.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import zoolog.coord.admin.HostProbe.FileDescriptors;
import zoolog.coord.core.CoreView.ConnectionInfo;
import zoolog.coord.core.CoreView.LatencyStats;
import zoolog.coord.core.CoreView.SessionInfo;

/**
 * The text of every four-letter word, byte for byte as ZooKeeper 3.9 prints it (its
 * {@code server/command/*Command}, {@code ServerStats.toString} and
 * {@code ServerCnxn.dumpConnectionInfo}), because monitoring scripts, {@code zkServer.sh status}
 * and client tools parse it. Every method is a pure function of copied-out state, so the formats
 * are pinned by golden tests; gathering that state is the network adapter's job.
 */
public final class FourLetterWordFormats {

    /** What ZooKeeper answers when the server cannot serve (here: the core loop has stopped). */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

    /** {@code java.util.Date#toString}'s layout, which ZooKeeper's session dump prints. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

    private FourLetterWordFormats() {}

    /** The answer to a command that is not in the whitelist. */
    public static String rejected(FourLetterWord word) {
        return word.command() + " is not executed because it is not in the whitelist.\n";
    }

    public static String ruok() {
        return "imok";
    }

    /** Zoolog has no read-only mode, so a serving server is always read-write. */
    public static String isro() {
        return "rw";
    }

    /** {@code isro} when the server is not serving: ZooKeeper prints the word null. */
    public static String isroNotServing() {
        return "null";
    }

    public static String srvr(ServerInfo server, CoreStats core, NetStats net) {
        if (!core.serving()) {
            return NOT_SERVING;
        }
        StringBuilder out = new StringBuilder(256);
        appendVersion(out, server);
        appendServerStats(out, server, core, net);
        return out.toString();
    }

    /** {@code srvr} plus one brief line per client connection after the version line. */
    public static String stat(ServerInfo server, CoreStats core, NetStats net) {
        if (!core.serving()) {
            return NOT_SERVING;
        }
        StringBuilder out = new StringBuilder(512);
        appendVersion(out, server);
        out.append("Clients:\n");
        Map<Long, ConnectionInfo> byId = byConnectionId(core);
        for (ClientConnectionStats connection : net.connections()) {
            appendConnection(out, connection, byId.get(connection.connectionId()), true);
            out.append('\n');
        }
        out.append('\n');
        appendServerStats(out, server, core, net);
        return out.toString();
    }

    public static String cons(CoreStats core, NetStats net) {
        StringBuilder out = new StringBuilder(512);
        Map<Long, ConnectionInfo> byId = byConnectionId(core);
        for (ClientConnectionStats connection : net.connections()) {
            appendConnection(out, connection, byId.get(connection.connectionId()), false);
            out.append('\n');
        }
        out.append('\n');
        return out.toString();
    }

    public static String crst() {
        return "Connection stats reset.\n";
    }

    public static String srst() {
        return "Server stats reset.\n";
    }

    /** The standalone server's {@code dumpConf}. */
    public static String conf(ServerInfo server, long dataDirSizeBytes, long dataLogDirSizeBytes) {
        return "clientPort=" + server.clientPort() + '\n'
                + "secureClientPort=" + server.secureClientPort() + '\n'
                + "dataDir=" + server.dataDir().toAbsolutePath() + '\n'
                + "dataDirSize=" + dataDirSizeBytes + '\n'
                + "dataLogDir=" + server.dataLogDir().toAbsolutePath() + '\n'
                + "dataLogSize=" + dataLogDirSizeBytes + '\n'
                + "tickTime=" + server.tickTimeMillis() + '\n'
                + "maxClientCnxns=" + server.maxClientCnxns() + '\n'
                + "minSessionTimeout=" + server.minSessionTimeoutMillis() + '\n'
                + "maxSessionTimeout=" + server.maxSessionTimeoutMillis() + '\n'
                + "clientPortListenBacklog=" + server.clientPortListenBacklog() + '\n'
                + "serverId=" + server.serverId() + '\n'
                + server.quorumConf();
    }

    public static String dirs(long dataDirSizeBytes, long dataLogDirSizeBytes) {
        return "datadir_size: " + dataDirSizeBytes + '\n' + "logdir_size: " + dataLogDirSizeBytes + '\n';
    }

    public static String envi(List<Map.Entry<String, String>> environment) {
        StringBuilder out = new StringBuilder(1024).append("Environment:\n");
        for (Map.Entry<String, String> entry : environment) {
            out.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
        }
        return out.toString();
    }

    /**
     * Sessions grouped by expiry time, then ephemerals by session, then the connections header.
     * ZooKeeper's NIO server lists its connection-expiry buckets under that header and its Netty
     * server lists nothing; Zoolog has no connection expiry, so it prints what the Netty server does.
     */
    public static String dump(SessionDump dump, ZoneId zone) {
        StringBuilder out = new StringBuilder(512).append("SessionTracker dump:\n");
        TreeMap<Long, List<Long>> byExpiry = new TreeMap<>();
        for (SessionInfo session : dump.sessions()) {
            byExpiry.computeIfAbsent(session.expiresAtMillis(), at -> new ArrayList<>()).add(session.sessionId());
        }
        out.append("Session Sets (").append(byExpiry.size()).append(")/(").append(dump.sessions().size()).append("):\n");
        byExpiry.forEach((expiresAtMillis, sessionIds) -> {
            out.append(sessionIds.size()).append(" expire at ")
                    .append(DATE.format(Instant.ofEpochMilli(expiresAtMillis).atZone(zone))).append(":\n");
            sessionIds.stream().sorted().forEach(id -> out.append("\t0x").append(Long.toHexString(id)).append('\n'));
        });
        out.append("ephemeral nodes dump:\n");
        out.append("Sessions with Ephemerals (").append(dump.ephemeralsBySession().size()).append("):\n");
        dump.ephemeralsBySession().forEach((sessionId, paths) -> {
            out.append("0x").append(Long.toHexString(sessionId)).append(":\n");
            paths.forEach(path -> out.append('\t').append(path).append('\n'));
        });
        out.append("Connections dump:\n");
        return out.toString();
    }

    public static String wchs(WatchSummary summary) {
        return summary.watchingSessions() + " connections watching " + summary.watchedPaths() + " paths\n"
                + "Total watches:" + summary.watches() + '\n';
    }

    /** Watches by session: the session id, then each watched path on its own tab-indented line. */
    public static String wchc(Map<Long, Set<String>> watchesBySession) {
        StringBuilder out = new StringBuilder(256);
        new TreeMap<>(watchesBySession).forEach((sessionId, paths) -> {
            out.append("0x").append(Long.toHexString(sessionId)).append('\n');
            paths.stream().sorted().forEach(path -> out.append('\t').append(path).append('\n'));
        });
        return out.append('\n').toString();
    }

    /** Watches by path: the path, then each watching session on its own tab-indented line. */
    public static String wchp(Map<String, Set<Long>> watchesByPath) {
        StringBuilder out = new StringBuilder(256);
        new TreeMap<>(watchesByPath).forEach((path, sessionIds) -> {
            out.append(path).append('\n');
            sessionIds.stream().sorted().forEach(id -> out.append("\t0x").append(Long.toHexString(id)).append('\n'));
        });
        return out.append('\n').toString();
    }

    /**
     * {@code zk_<key>\t<value>} lines: version and state first, then the gauges ZooKeeper
     * registers, in its registration order. Integers print as integers and other numbers as
     * doubles, as ZooKeeper's MonitorCommand does; scripts are expected to tolerate new keys.
     */
    public static String mntr(ServerInfo server, CoreStats core, NetStats net, FileDescriptors fds, long nowMillis) {
        if (!core.serving()) {
            return NOT_SERVING;
        }
        StringBuilder out = new StringBuilder(1024);
        LatencyStats latency = core.latency();
        metric(out, "version", server.fullVersion());
        metric(out, "server_state", core.serverState());
        metric(out, "avg_latency", Double.toString(roundedAverage(latency)));
        metric(out, "max_latency", latency.maxMillis());
        metric(out, "min_latency", latency.minMillis());
        metric(out, "packets_received", net.packetsReceived());
        metric(out, "packets_sent", net.packetsSent());
        metric(out, "num_alive_connections", net.aliveConnections());
        metric(out, "outstanding_requests", core.outstandingRequests());
        metric(out, "uptime", nowMillis - server.startedAtMillis());
        metric(out, "znode_count", core.nodeCount());
        metric(out, "watch_count", core.watchCount());
        metric(out, "ephemerals_count", core.ephemeralsCount());
        metric(out, "approximate_data_size", core.approximateDataSize());
        metric(out, "global_sessions", core.sessionCount());
        // Zoolog has no local (leader-less, unreplicated) sessions.
        metric(out, "local_sessions", 0);
        metric(out, "open_file_descriptor_count", fds.open());
        metric(out, "max_file_descriptor_count", fds.max());
        if ("leader".equals(core.serverState())) {
            metric(out, "followers", core.learners());
            metric(out, "synced_followers", core.syncedLearners());
            metric(out, "pending_syncs", core.pendingSyncs());
        }
        return out.toString();
    }

    private static void metric(StringBuilder out, String key, Object value) {
        out.append("zk_").append(key).append('\t').append(value).append('\n');
    }

    private static void appendVersion(StringBuilder out, ServerInfo server) {
        out.append("Zookeeper version: ").append(server.fullVersion()).append('\n');
    }

    /** ServerStats.toString followed by the node count, as srvr and stat end. */
    private static void appendServerStats(StringBuilder out, ServerInfo server, CoreStats core, NetStats net) {
        LatencyStats latency = core.latency();
        out.append("Latency min/avg/max: ").append(latency.minMillis()).append('/')
                .append(roundedAverage(latency)).append('/').append(latency.maxMillis()).append('\n');
        out.append("Received: ").append(net.packetsReceived()).append('\n');
        out.append("Sent: ").append(net.packetsSent()).append('\n');
        out.append("Connections: ").append(net.aliveConnections()).append('\n');
        out.append("Outstanding: ").append(core.outstandingRequests()).append('\n');
        out.append("Zxid: 0x").append(Long.toHexString(core.lastProcessedZxid())).append('\n');
        out.append("Mode: ").append(core.serverState()).append('\n');
        out.append("Node count: ").append(core.nodeCount()).append('\n');
    }

    /**
     * One connection as {@code dumpConnectionInfo} prints it. Sockets the core has not seen a
     * handshake on (a four-letter-word connection, say) print only the brief part.
     */
    private static void appendConnection(
            StringBuilder out, ClientConnectionStats net, ConnectionInfo core, boolean brief) {
        int ops = net.interestOps();
        out.append(' ').append(net.remoteAddress())
                .append('[').append(ops == 0 ? "0" : Integer.toHexString(ops)).append("](queued=")
                .append(core == null ? 0 : core.queuedRequests())
                .append(",recved=").append(net.packetsReceived())
                .append(",sent=").append(net.packetsSent());
        if (!brief && core != null && core.sessionId() != 0) {
            out.append(",sid=0x").append(Long.toHexString(core.sessionId()))
                    .append(",lop=").append(core.lastOperation())
                    .append(",est=").append(core.establishedMillis())
                    .append(",to=").append(core.timeoutMillis());
            if (core.lastCxid() >= 0) {
                out.append(",lcxid=0x").append(Long.toHexString(core.lastCxid()));
            }
            out.append(",lzxid=0x").append(Long.toHexString(core.lastZxid()))
                    .append(",lresp=").append(core.lastResponseMillis())
                    .append(",llat=").append(core.lastLatencyMillis())
                    .append(",minlat=").append(core.latencyMinMillis())
                    .append(",avglat=").append(core.latencyAvgMillis())
                    .append(",maxlat=").append(core.latencyMaxMillis());
        }
        out.append(')');
    }

    private static Map<Long, ConnectionInfo> byConnectionId(CoreStats core) {
        Map<Long, ConnectionInfo> byId = new HashMap<>();
        for (ConnectionInfo info : core.connections()) {
            byId.put(info.connectionId(), info);
        }
        return byId;
    }

    /** ZooKeeper rounds the average latency to four decimals, half up, before printing it. */
    private static double roundedAverage(LatencyStats latency) {
        if (latency.count() == 0 || !Double.isFinite(latency.avgMillis())) {
            return 0.0;
        }
        return new BigDecimal(latency.avgMillis()).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
