package zoolog.coord.admin;

import java.util.List;
import zoolog.coord.core.CoreView;
import zoolog.coord.core.CoreView.ConnectionInfo;
import zoolog.coord.core.CoreView.LatencyStats;

/**
 * The core's counters copied out of a {@link CoreView} on the core thread, so the four-letter
 * words can format them on a network thread without touching the core's unsynchronised state.
 * Holds what {@code srvr}, {@code stat}, {@code cons} and {@code mntr} print; the watch and
 * session dumps copy their own, larger, data.
 */
public record CoreStats(
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

    /** Copies the counters; call only on the core thread. */
    public static CoreStats capture(CoreView view) {
        return new CoreStats(
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
