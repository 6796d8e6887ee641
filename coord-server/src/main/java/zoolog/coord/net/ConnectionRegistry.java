package zoolog.coord.net;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import zoolog.coord.admin.ClientConnectionStats;
import zoolog.coord.admin.NetStats;

/**
 * Every open client connection by id, plus the server-wide packet counters. The Netty threads
 * register and unregister connections, the core thread looks channels up to write replies, and
 * the four-letter words take snapshots, so everything here is concurrent. It also enforces
 * ZooKeeper's {@code maxClientCnxns}: a limit on simultaneous connections per client address.
 */
public final class ConnectionRegistry {

    private static final AtomicLong NEXT_CONNECTION_ID = new AtomicLong(1);

    private final ConcurrentHashMap<Long, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> connectionsPerHost = new ConcurrentHashMap<>();
    private final AtomicLong packetsReceived = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();

    /**
     * Registers a freshly accepted channel and unregisters it when it closes. Returns null, and
     * registers nothing, when {@code maxPerHost} (0 = unlimited) connections from the same address
     * are already open.
     */
    public ClientConnection register(Channel channel, int maxPerHost) {
        ClientConnection connection =
                new ClientConnection(NEXT_CONNECTION_ID.getAndIncrement(), channel, channel.remoteAddress());
        String host = connection.remoteHost();
        boolean[] admitted = {false};
        connectionsPerHost.compute(host, (key, count) -> {
            int current = count == null ? 0 : count;
            if (maxPerHost > 0 && current >= maxPerHost) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            return null;
        }
        connections.put(connection.connectionId(), connection);
        channel.closeFuture().addListener(future -> unregister(connection));
        return connection;
    }

    /** The open connection with this id, or null once it has closed. */
    public ClientConnection get(long connectionId) {
        return connections.get(connectionId);
    }

    public int size() {
        return connections.size();
    }

    /** Closes every open client connection (server shutdown). */
    public void closeAll() {
        for (ClientConnection connection : connections.values()) {
            connection.channel().close();
        }
    }

    void countReceived(ClientConnection connection) {
        connection.countReceived();
        packetsReceived.incrementAndGet();
    }

    void countSent(ClientConnection connection) {
        connection.countSent();
        packetsSent.incrementAndGet();
    }

    /** The {@code crst} reset: every connection's packet counters. */
    public void resetConnectionCounters() {
        for (ClientConnection connection : connections.values()) {
            connection.resetCounters();
        }
    }

    /** The {@code srst} reset: the server-wide packet counters. */
    public void resetServerCounters() {
        packetsReceived.set(0);
        packetsSent.set(0);
    }

    /** A copy of the counters and connections, ordered by connection id, for the 4lw formatters. */
    public NetStats snapshot() {
        List<ClientConnectionStats> stats = new ArrayList<>(connections.size());
        for (ClientConnection connection : connections.values()) {
            stats.add(connection.stats());
        }
        stats.sort(Comparator.comparingLong(ClientConnectionStats::connectionId));
        return new NetStats(packetsReceived.get(), packetsSent.get(), stats.size(), stats);
    }

    private void unregister(ClientConnection connection) {
        if (connections.remove(connection.connectionId()) != null) {
            connectionsPerHost.computeIfPresent(connection.remoteHost(), (key, count) -> count <= 1 ? null : count - 1);
        }
    }
}
