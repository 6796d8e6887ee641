package zoolog.coord.net.peer;

import zoolog.protocol.peer.PeerMessage;

/**
 * The two ports every ensemble member listens on (its {@code server.N} line): election votes
 * travel on the election port, every other peer message on the quorum port. Keeping votes apart
 * means a slow sync on the quorum link never delays an election, and only quorum links carry the
 * FIFO sessions whose failure the core must hear about.
 */
enum PeerPort {
    QUORUM("quorum"),
    ELECTION("election");

    private final String label;

    PeerPort(String label) {
        this.label = label;
    }

    static PeerPort carrying(PeerMessage message) {
        return message.getBodyCase() == PeerMessage.BodyCase.VOTE ? ELECTION : QUORUM;
    }

    @Override
    public String toString() {
        return label;
    }
}
