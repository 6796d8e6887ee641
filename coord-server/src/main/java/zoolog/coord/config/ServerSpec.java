package zoolog.coord.config;

import java.util.Objects;

/**
 * One {@code server.N=host:quorumPort:electionPort[:participant|:observer][;[clientAddress:]clientPort]}
 * line of zoo.cfg: where ensemble member N listens for followers ({@code quorumPort}) and for leader
 * election votes ({@code electionPort}). The host is kept as written, not resolved, because a peer's
 * address may change between restarts; the parser only checks that it resolves at start-up.
 * {@code clientPort} is 0 when the line names no client address (then zoo.cfg's {@code clientPort} applies).
 */
public record ServerSpec(
        int id,
        String host,
        int quorumPort,
        int electionPort,
        boolean observer,
        String clientHost,
        int clientPort) {

    /** Highest server id: ZooKeeper's myid file holds 1–255 by the book, and 0 works too (seed 000 uses it). */
    public static final int SERVER_ID_MAX = 255;

    public ServerSpec {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientHost, "clientHost");
        if (id < 0 || id > SERVER_ID_MAX) {
            throw new IllegalArgumentException("server id " + id + " is outside 0.." + SERVER_ID_MAX);
        }
    }

    /** A server line without a client address part. */
    public ServerSpec(int id, String host, int quorumPort, int electionPort, boolean observer) {
        this(id, host, quorumPort, electionPort, observer, "", 0);
    }

    public PeerType peerType() {
        return observer ? PeerType.OBSERVER : PeerType.PARTICIPANT;
    }

    /** Whether the line carried a {@code ;[clientAddress:]clientPort} part. */
    public boolean hasClientPort() {
        return clientPort != 0;
    }
}
