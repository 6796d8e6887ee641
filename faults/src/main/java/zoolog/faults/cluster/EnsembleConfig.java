package zoolog.faults.cluster;

import java.nio.file.Path;
import java.util.List;
import zoolog.faults.proxy.PeerChannel;

/**
 * The zoo.cfg of one node of the ensemble; Zoolog and Apache ZooKeeper read the same file. A node's
 * own {@code server.N} line has its real peer ports (it binds them); every other line names the
 * proxy for the link from this node to that peer, so the node's outgoing connections can be cut.
 * Times are short so that elections and session expiry fit a run of a minute: a tick of
 * {@link #TICK_TIME_MILLIS}, session timeouts of 2 to 20 ticks. Immutable.
 */
public record EnsembleConfig(int tickTimeMillis, int initLimitTicks, int syncLimitTicks) {

    public static final int TICK_TIME_MILLIS = 500;
    /** Followers get 10 ticks (5 s) to connect and sync with a new leader. */
    public static final int INIT_LIMIT_TICKS = 10;
    /** A follower that falls 5 ticks (2.5 s) behind the leader, or goes silent, is dropped. */
    public static final int SYNC_LIMIT_TICKS = 5;

    public static EnsembleConfig defaults() {
        return new EnsembleConfig(TICK_TIME_MILLIS, INIT_LIMIT_TICKS, SYNC_LIMIT_TICKS);
    }

    /** How a node addresses a peer: its real port for itself, a proxy port for others. */
    public interface PeerAddressing {
        int port(int from, int to, PeerChannel channel);
    }

    public String render(int self, Path dataDir, List<NodePorts> nodes, PeerAddressing addressing) {
        NodePorts own = nodes.stream().filter(node -> node.id() == self).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + self));
        StringBuilder cfg = new StringBuilder()
                .append("# Written by the fault harness for node ").append(self).append(".\n")
                .append("tickTime=").append(tickTimeMillis).append('\n')
                .append("initLimit=").append(initLimitTicks).append('\n')
                .append("syncLimit=").append(syncLimitTicks).append('\n')
                .append("dataDir=").append(dataDir.toAbsolutePath()).append('\n')
                .append("clientPort=").append(own.clientPort()).append('\n')
                .append("clientPortAddress=127.0.0.1\n")
                .append("maxClientCnxns=0\n")
                .append("4lw.commands.whitelist=*\n");
        for (NodePorts node : nodes) {
            int quorum = node.id() == self ? node.quorumPort() : addressing.port(self, node.id(), PeerChannel.QUORUM);
            int election = node.id() == self ? node.electionPort()
                    : addressing.port(self, node.id(), PeerChannel.ELECTION);
            cfg.append("server.").append(node.id()).append("=127.0.0.1:").append(quorum).append(':').append(election)
                    .append('\n');
        }
        return cfg.toString();
    }
}
