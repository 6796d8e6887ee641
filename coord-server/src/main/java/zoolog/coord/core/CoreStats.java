package zoolog.coord.core;

import zoolog.coord.zab.ZabPeer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.coord.session.SessionTracker;
import zoolog.coord.tree.DataTree;
import zoolog.coord.watch.WatchManager;

/**
 * The core's {@link CoreView}: counters it keeps (request latency) plus read-only views of the
 * tree, watches, sessions and connections, for the four-letter words. Watch tables are keyed by
 * connection inside the core; here they are reported by session id, as ZooKeeper's wchc does.
 * Owned by the core thread.
 */
final class CoreStats implements CoreView {
    private final CoordCore core;
    private final DataTree tree;
    private final WatchManager watches;
    private final SessionTracker sessions;
    private final Map<Long, Connection> connections;
    private long latencyMinMillis = Long.MAX_VALUE;
    private long latencyMaxMillis;
    private long latencyTotalMillis;
    private long latencyCount;

    CoreStats(CoordCore core, DataTree tree, WatchManager watches, SessionTracker sessions,
            Map<Long, Connection> connections) {
        this.core = core;
        this.tree = tree;
        this.watches = watches;
        this.sessions = sessions;
        this.connections = connections;
    }

    void recordLatency(long millis) {
        latencyMinMillis = Math.min(latencyMinMillis, millis);
        latencyMaxMillis = Math.max(latencyMaxMillis, millis);
        latencyTotalMillis += millis;
        latencyCount++;
    }

    @Override
    public long lastProcessedZxid() {
        return core.lastProcessedZxid();
    }

    @Override
    public String serverState() {
        return switch (core.role()) {
            case STANDALONE -> "standalone";
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            case LOOKING -> "looking";
        };
    }

    @Override
    public ZabPeer.View ensemble() {
        return core.ensembleView();
    }

    @Override
    public int nodeCount() {
        return tree.nodeCount();
    }

    @Override
    public long approximateDataSize() {
        return tree.approximateDataSize();
    }

    @Override
    public int ephemeralsCount() {
        return tree.ephemeralsCount();
    }

    @Override
    public int outstandingRequests() {
        int outstanding = 0;
        for (Connection connection : connections.values()) {
            outstanding += connection.queue.size();
        }
        return outstanding;
    }

    @Override
    public int watchCount() {
        return watches.watchCount();
    }

    @Override
    public int watchedPathCount() {
        return watches.watchedPathCount();
    }

    @Override
    public Map<Long, Set<String>> watchesBySession() {
        Map<Long, Set<String>> result = new HashMap<>();
        watches.pathsByConnection().forEach((connectionId, paths) ->
                result.computeIfAbsent(sessionOf(connectionId), k -> new HashSet<>()).addAll(paths));
        return result;
    }

    @Override
    public Map<String, Set<Long>> watchesByPath() {
        Map<String, Set<Long>> result = new HashMap<>();
        watches.connectionsByPath().forEach((path, connectionIds) -> {
            Set<Long> sessionIds = new HashSet<>();
            for (long connectionId : connectionIds) {
                sessionIds.add(sessionOf(connectionId));
            }
            result.put(path, sessionIds);
        });
        return result;
    }

    private long sessionOf(long connectionId) {
        Connection connection = connections.get(connectionId);
        return connection == null ? 0 : connection.sessionId;
    }

    @Override
    public Map<Long, Set<String>> ephemeralsBySession() {
        return tree.ephemeralsBySession();
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> result = new ArrayList<>(sessions.size());
        for (SessionTracker.Session session : sessions.all()) {
            result.add(new SessionInfo(session.id(), session.timeoutMillis(), session.expiresAtMillis()));
        }
        return result;
    }

    @Override
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> result = new ArrayList<>(connections.size());
        for (Connection connection : connections.values()) {
            result.add(connection.info());
        }
        return result;
    }

    @Override
    public LatencyStats latency() {
        return latencyCount == 0 ? new LatencyStats(0, 0, 0, 0)
                : new LatencyStats(latencyMinMillis, (double) latencyTotalMillis / latencyCount, latencyMaxMillis, latencyCount);
    }

    @Override
    public void resetLatency() {
        latencyMinMillis = Long.MAX_VALUE;
        latencyMaxMillis = 0;
        latencyTotalMillis = 0;
        latencyCount = 0;
    }

    @Override
    public void resetConnectionStats() {
        for (Connection connection : connections.values()) {
            connection.resetStats();
        }
    }
}
