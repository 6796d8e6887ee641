package zoolog.coord.admin;

import zoolog.coord.zab.ZabPeer;

import java.util.List;
import zoolog.coord.core.CoreView;
import zoolog.coord.core.CoreView.ConnectionInfo;
import zoolog.coord.core.CoreView.LatencyStats;

/**
 * The core's counters copied out of a {@link CoreView} on the core thread, so the four-letter
 * words can format them on a network thread without touching the core's unsynchronised state.
 * Holds what {@code srvr}, {@code stat}, {@code cons} and {@code mntr} print; the watch and
 * session dumps copy their own, larger, data. {@code serverState} is the role (standalone,
 * leader, follower, observer, looking); the learner counts are the leader's.
 */
public record CoreStats(
        String serverState,
        int learners,
        int syncedLearners,
        int pendingSyncs,
        long lastProcessedZxid,
        int nodeCount,
        long approximateDataSize,
        int ephemeralsCount,
        int outstandingRequests,
        int watchCount,
        int sessionCount,
        LatencyStats latency,
        List<ConnectionInfo> connections) {

    public CoreStats {
        connections = List.copyOf(connections);
    }

    /** False while the member looks for a leader: ZooKeeper then answers stat-like words with one line. */
    public boolean serving() {
        return !"looking".equals(serverState);
    }

    /** Copies the counters; call only on the core thread. */
    public static CoreStats capture(CoreView view) {
        ZabPeer.View ensemble = view.ensemble();
        return new CoreStats(
                view.serverState(),
                ensemble == null ? 0 : ensemble.learners(),
                ensemble == null ? 0 : ensemble.syncedLearners(),
                ensemble == null ? 0 : ensemble.pendingSyncs(),
                view.lastProcessedZxid(),
                view.nodeCount(),
                view.approximateDataSize(),
                view.ephemeralsCount(),
                view.outstandingRequests(),
                view.watchCount(),
                view.sessions().size(),
                view.latency(),
                view.connections());
    }
}
