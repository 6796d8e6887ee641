package zoolog.faults.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.faults.proxy.Network;

/**
 * An ensemble of N nodes on loopback: the nodes' processes, their directories under
 * {@code <run>/nodes/n<id>}, and the proxy {@link Network} between them. {@link #start} writes every
 * zoo.cfg, starts all nodes and waits until each one serves as leader or follower. The nemesis
 * reaches nodes through {@link #node}; {@link #leader} asks each node's {@code srvr} for
 * {@code Mode: leader}. Created and closed by the run's main thread.
 */
public final class Cluster {

    /** JVM start, election and the first sync; generous because a 2-core machine also runs the clients. */
    public static final long SERVING_WAIT_MILLIS_MAX = 90_000;
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int LOG_TAIL_LINES = 30;
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final List<NodeProcess> nodes;
    private final Network network;

    private Cluster(List<NodeProcess> nodes, Network network) {
        this.nodes = List.copyOf(nodes);
        this.network = network;
    }

    /** Allocates ports, starts the proxies, writes configs and starts {@code nodeCount} nodes with ids 1..N. */
    public static Cluster start(int nodeCount, Path runDir, NodeLaunch launch, EnsembleConfig config)
            throws IOException, InterruptedException {
        List<Integer> free = FreePorts.reserve(3 * nodeCount);
        List<NodePorts> ports = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            ports.add(new NodePorts(i + 1, free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
        }
        Network network = Network.start(ports.stream().map(NodePorts::id).toList(),
                (id, channel) -> ports.get(id - 1).port(channel));
        List<NodeProcess> nodes = new ArrayList<>();
        for (NodePorts node : ports) {
            NodeProcess process = new NodeProcess(node, runDir.resolve("nodes").resolve("n" + node.id()), launch);
            process.configure(config.render(node.id(), process.dataDir(), ports, network::proxyPort));
            nodes.add(process);
        }
        Cluster cluster = new Cluster(nodes, network);
        try {
            for (NodeProcess node : nodes) {
                node.start();
            }
            cluster.awaitAllServing(SERVING_WAIT_MILLIS_MAX);
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    public NodeProcess node(int id) {
        return nodes.get(id - 1);
    }

    public List<Integer> ids() {
        return nodes.stream().map(NodeProcess::id).toList();
    }

    public Network network() {
        return network;
    }

    /** Every node's client port, for clients that may use any of them. */
    public String connectString() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.ports().clientPort()).collect(Collectors.joining(","));
    }

    /** The node that says {@code Mode: leader}, if exactly one does. */
    public Optional<Integer> leader() {
        List<Integer> leaders = nodes.stream()
                .filter(node -> node.isAlive() && !node.isPaused())
                .filter(node -> FourLetterWords.mode(node.ports().clientPort(), PROBE_TIMEOUT_MILLIS)
                        .filter("leader"::equals).isPresent())
                .map(NodeProcess::id)
                .toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** Whether the node answers srvr as a leader or follower. */
    public boolean isServing(NodeProcess node) {
        return FourLetterWords.mode(node.ports().clientPort(), PROBE_TIMEOUT_MILLIS)
                .filter(mode -> mode.equals("leader") || mode.equals("follower"))
                .isPresent();
    }

    /**
     * Waits until {@code node} serves; fails if its process exits, the deadline passes, or it serves
     * standalone although it was configured as one member of an ensemble.
     *
     * @throws IllegalStateException naming the node and quoting its log
     */
    public void awaitServing(NodeProcess node, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!isServing(node)) {
            boolean standalone = nodes.size() > 1 && FourLetterWords.mode(node.ports().clientPort(), PROBE_TIMEOUT_MILLIS)
                    .filter("standalone"::equals).isPresent();
            if (standalone) {
                throw new IllegalStateException("node " + node.id() + " serves as Mode: standalone, so it ignored the "
                        + "server.N lines of " + node.configFile() + " (a server without ensemble support?)");
            }
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node.id() + (node.isAlive() ? " did not serve within "
                        + timeoutMillis + " ms" : " exited") + "; the end of " + node.logFile() + ":\n"
                        + node.logTail(LOG_TAIL_LINES));
            }
            LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Waits until every node serves and exactly one is the leader. */
    public void awaitAllServing(long timeoutMillis) throws InterruptedException {
        long started = System.nanoTime();
        for (NodeProcess node : nodes) {
            long spent = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            awaitServing(node, Math.max(1, timeoutMillis - spent));
        }
        LOG.info("all {} nodes serve; leader {}", nodes.size(), leader().map(String::valueOf).orElse("unknown"));
    }

    /** Stops every node (SIGCONT, SIGTERM, then SIGKILL) and closes the proxies. */
    public void close() throws InterruptedException {
        for (NodeProcess node : nodes) {
            try {
                node.stop();
            } catch (IOException e) {
                LOG.warn("stopping node {} failed ({}); killing it", node.id(), e.getMessage());
                node.kill();
            }
        }
        network.close();
    }
}
