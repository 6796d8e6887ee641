package zoolog.coord.testing;

import zoolog.coord.zab.ZabPeer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.coord.core.CoreView;

/** A CoreView whose answers tests set directly; counts the reset calls. */
public final class FakeCoreView implements CoreView {
    public long lastProcessedZxid;
    public int nodeCount;
    public long approximateDataSize;
    public int ephemeralsCount;
    public int outstandingRequests;
    public int watchCount;
    public int watchedPathCount;
    public Map<Long, Set<String>> watchesBySession = new LinkedHashMap<>();
    public Map<String, Set<Long>> watchesByPath = new LinkedHashMap<>();
    public Map<Long, Set<String>> ephemeralsBySession = new LinkedHashMap<>();
    public List<SessionInfo> sessions = new ArrayList<>();
    public List<ConnectionInfo> connections = new ArrayList<>();
    public LatencyStats latency = new LatencyStats(0, 0.0, 0, 0);
    public int latencyResets;
    public int connectionStatResets;

    @Override
    public long lastProcessedZxid() {
        return lastProcessedZxid;
    }

    @Override
    public String serverState() {
        return "standalone";
    }

    @Override
    public ZabPeer.View ensemble() {
        return null;
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public long approximateDataSize() {
        return approximateDataSize;
    }

    @Override
    public int ephemeralsCount() {
        return ephemeralsCount;
    }

    @Override
    public int outstandingRequests() {
        return outstandingRequests;
    }

    @Override
    public int watchCount() {
        return watchCount;
    }

    @Override
    public int watchedPathCount() {
        return watchedPathCount;
    }

    @Override
    public Map<Long, Set<String>> watchesBySession() {
        return watchesBySession;
    }

    @Override
    public Map<String, Set<Long>> watchesByPath() {
        return watchesByPath;
    }

    @Override
    public Map<Long, Set<String>> ephemeralsBySession() {
        return ephemeralsBySession;
    }

    @Override
    public List<SessionInfo> sessions() {
        return sessions;
    }

    @Override
    public List<ConnectionInfo> connections() {
        return connections;
    }

    @Override
    public LatencyStats latency() {
        return latency;
    }

    @Override
    public void resetLatency() {
        latencyResets++;
    }

    @Override
    public void resetConnectionStats() {
        connectionStatResets++;
    }
}
