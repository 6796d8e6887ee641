package zoolog.faults.cluster;

import zoolog.faults.proxy.PeerChannel;

/** One node's server id and its real loopback ports: the client port and the two peer ports. Immutable. */
public record NodePorts(int id, int clientPort, int quorumPort, int electionPort) {

    public int port(PeerChannel channel) {
        return channel == PeerChannel.QUORUM ? quorumPort : electionPort;
    }
}
