package zoolog.faults.proxy;

/**
 * The two peer ports of a {@code server.N=host:quorumPort:electionPort} line: followers connect
 * to the leader's quorum port, and leader election runs over the election port. Each directed
 * link gets one proxy per channel.
 */
public enum PeerChannel { QUORUM, ELECTION }
