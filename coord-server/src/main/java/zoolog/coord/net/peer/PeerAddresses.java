package zoolog.coord.net.peer;

import java.net.InetSocketAddress;
import java.util.Objects;
import zoolog.coord.config.ServerSpec;

/**
 * The two addresses of one ensemble member as this member's zoo.cfg names them: for itself the
 * addresses it listens on, for the others the addresses it connects to (which may be fault-injecting
 * proxies in front of the real member). Immutable.
 */
public record PeerAddresses(InetSocketAddress quorum, InetSocketAddress election) {

    public PeerAddresses {
        Objects.requireNonNull(quorum, "quorum");
        Objects.requireNonNull(election, "election");
    }

    /**
     * The addresses of a {@code server.N} line, left unresolved: a peer's host name is looked up on
     * every connection attempt, so a member that moved is found again after a restart.
     */
    public static PeerAddresses from(ServerSpec spec) {
        return new PeerAddresses(InetSocketAddress.createUnresolved(spec.host(), spec.quorumPort()),
                InetSocketAddress.createUnresolved(spec.host(), spec.electionPort()));
    }

    InetSocketAddress of(PeerPort port) {
        return port == PeerPort.QUORUM ? quorum : election;
    }
}
