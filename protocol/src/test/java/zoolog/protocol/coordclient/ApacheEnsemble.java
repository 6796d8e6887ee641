package zoolog.protocol.coordclient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * An Apache ZooKeeper 3.9 ensemble of real quorum peers in this JVM, one {@link QuorumPeerMain}
 * thread each, on free loopback ports under a temporary directory: the reference the
 * coordination client is tested against, including losing a member. Driven from the JUnit thread.
 */
final class ApacheEnsemble implements AutoCloseable {

    /** Short ticks keep elections quick; the session timeout the tests ask for stays within 20 ticks. */
    private static final int TICK_TIME_MILLIS = 500;
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final Path baseDir;
    private final List<Member> members = new ArrayList<>();

    private ApacheEnsemble(Path baseDir) {
        this.baseDir = baseDir;
    }

    static ApacheEnsemble start(int size) throws Exception {
        // A peer that fails must fail the test, not end the JVM running the suite.
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
        ApacheEnsemble ensemble = new ApacheEnsemble(Files.createTempDirectory("coordclient-apache-"));
        int[] ports = freePorts(3 * size);
        StringBuilder servers = new StringBuilder();
        for (int id = 1; id <= size; id++) {
            servers.append("server.").append(id).append("=127.0.0.1:").append(ports[3 * id - 2]).append(':')
                    .append(ports[3 * id - 1]).append('\n');
        }
        for (int id = 1; id <= size; id++) {
            ensemble.members.add(ensemble.startMember(id, ports[3 * id - 3], servers.toString()));
        }
        return ensemble;
    }

    /** All members' client addresses, comma separated. */
    String connectString() {
        return members.stream().map(m -> "127.0.0.1:" + m.clientPort).collect(Collectors.joining(","));
    }

    List<String> memberConnectStrings() {
        return members.stream().map(m -> "127.0.0.1:" + m.clientPort).toList();
    }

    /**
     * Stops the member serving {@code clientPort} and returns once the others serve clients again
     * under a leader other than it: stopping the leader starts an election, during which the
     * followers drop their clients, and a test must not mistake that window for the client's fault.
     */
    void stopMember(int clientPort) throws InterruptedException {
        Member stopped = members.stream().filter(m -> m.clientPort == clientPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member on port " + clientPort));
        long stoppedId = stopped.main.peer().getMyId();
        stopped.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Deadlines.WAIT_MILLIS);
        while (!servingWithout(stoppedId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stable quorum within " + Deadlines.WAIT_MILLIS + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private boolean servingWithout(long stoppedId) {
        for (Member member : members) {
            if (!member.thread.isAlive()) {
                continue;
            }
            QuorumPeer peer = member.main.peer();
            boolean settled = peer.getPeerState() == QuorumPeer.ServerState.LEADING
                    || peer.getPeerState() == QuorumPeer.ServerState.FOLLOWING;
            if (!settled || peer.getCurrentVote().getId() == stoppedId || peer.getActiveServer() == null
                    || !peer.getActiveServer().isRunning()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        for (Member member : members) {
            member.stop();
        }
        try (Stream<Path> paths = Files.walk(baseDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private Member startMember(int id, int clientPort, String servers) throws Exception {
        Path dataDir = baseDir.resolve("peer-" + id);
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("myid"), Integer.toString(id), StandardCharsets.US_ASCII);
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(servers));
        properties.setProperty("tickTime", Integer.toString(TICK_TIME_MILLIS));
        properties.setProperty("initLimit", "10");
        properties.setProperty("syncLimit", "5");
        properties.setProperty("dataDir", dataDir.toString());
        properties.setProperty("clientPort", Integer.toString(clientPort));
        properties.setProperty("clientPortAddress", "127.0.0.1");
        properties.setProperty("admin.enableServer", "false");
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parseProperties(properties);
        Peer main = new Peer();
        Thread thread = new Thread(() -> {
            try {
                main.runFromConfig(config);
            } catch (Exception e) {
                throw new IllegalStateException("quorum peer " + id + " failed", e);
            }
        }, "apache-quorum-peer-" + id);
        thread.setDaemon(true);
        thread.start();
        return new Member(clientPort, main, thread);
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Exposes the running peer, which QuorumPeerMain keeps to itself and its subclasses. */
    private static final class Peer extends QuorumPeerMain {
        QuorumPeer peer() {
            return quorumPeer;
        }
    }

    private record Member(int clientPort, Peer main, Thread thread) {
        void stop() throws InterruptedException {
            if (!thread.isAlive()) {
                return;
            }
            main.close();
            thread.join(STOP_WAIT_MILLIS);
            if (thread.isAlive()) {
                throw new IllegalStateException("quorum peer on port " + clientPort + " did not stop");
            }
        }
    }
}
