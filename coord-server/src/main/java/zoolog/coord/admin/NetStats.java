package zoolog.coord.admin;

import java.util.List;

/**
 * The network adapter's counters at one instant: packets received and sent since start (or the
 * last {@code srst}) and every open client connection, the one asking included, ordered by id.
 */
public record NetStats(long packetsReceived, long packetsSent, int aliveConnections, List<ClientConnectionStats> connections) {

    public NetStats {
        connections = List.copyOf(connections);
    }
}
