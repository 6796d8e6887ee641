package zoolog.coord.core;

import zoolog.coord.zab.ZabPeer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only look at the core's state for the four-letter words and metrics. Only call it on the
 * core thread (the core loop runs admin tasks there), because the core's state is unsynchronised.
 */
public interface CoreView {

    long lastProcessedZxid();

    /** ZooKeeper's name for this server's role: standalone, leader, follower, observer or looking. */
    String serverState();

    /** The replication state of an ensemble member; null for a standalone server. */
    ZabPeer.View ensemble();

    int nodeCount();

    /** Sum of path lengths and data lengths, like ZooKeeper's zk_approximate_data_size. */
    long approximateDataSize();

    int ephemeralsCount();

    /** Requests received but not yet answered, across all connections. */
    int outstandingRequests();

    /** Number of (path, connection) watch registrations. */
    int watchCount();

    int watchedPathCount();

    /** wchc: for each session id, the paths it watches. */
    Map<Long, Set<String>> watchesBySession();

    /** wchp: for each watched path, the session ids watching it. */
    Map<String, Set<Long>> watchesByPath();

    /** dump: ephemeral paths per owning session. */
    Map<Long, Set<String>> ephemeralsBySession();

    List<SessionInfo> sessions();

    List<ConnectionInfo> connections();

    LatencyStats latency();

    /** srst: reset latency counters. */
    void resetLatency();

    /** crst: reset every connection's counters. */
    void resetConnectionStats();

    record SessionInfo(long sessionId, int timeoutMillis, long expiresAtMillis) {}

    /** One connection as {@code cons} prints it; {@code sessionId} is 0 before the handshake completes. */
    record ConnectionInfo(
            long connectionId,
            long sessionId,
            int timeoutMillis,
            int queuedRequests,
            long requestsReceived,
            long responsesSent,
            String lastOperation,
            long lastCxid,
            long lastZxid,
            long lastResponseMillis,
            long establishedMillis,
            long latencyMinMillis,
            long latencyAvgMillis,
            long latencyMaxMillis,
            long lastLatencyMillis) {}

    record LatencyStats(long minMillis, double avgMillis, long maxMillis, long count) {}
}
