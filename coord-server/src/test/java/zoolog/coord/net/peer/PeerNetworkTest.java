package zoolog.coord.net.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.coord.net.peer.PeerMessages.commit;
import static zoolog.coord.net.peer.PeerMessages.commits;
import static zoolog.coord.net.peer.PeerMessages.frame;
import static zoolog.coord.net.peer.PeerMessages.helloFrame;
import static zoolog.coord.net.peer.PeerMessages.lengthOnly;
import static zoolog.coord.net.peer.PeerMessages.vote;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zoolog.coord.config.ServerSpec;
import zoolog.coord.testing.Await;
import zoolog.protocol.peer.Hello;
import zoolog.protocol.peer.PeerMessage;

/** Three-member ensembles of PeerNetworks over loopback sockets, on ports picked free per test. */
class PeerNetworkTest {

    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private final Map<Integer, PeerAddresses> addresses = new HashMap<>();
    private final Map<Integer, PeerNetwork> networks = new HashMap<>();
    private final Map<Integer, RecordingInbox> inboxes = new HashMap<>();
    private final List<AutoCloseable> spies = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("test-peer-accept"));
        ioGroup = new NioEventLoopGroup(4, new DefaultThreadFactory("test-peer-io"));
        List<Integer> ports = freePorts(6);
        for (int sid = 1; sid <= 3; sid++) {
            // As zoo.cfg's server.N lines give them: unresolved, looked up at bind and at each connect.
            addresses.put(sid, PeerAddresses.from(
                    new ServerSpec(sid, "127.0.0.1", ports.get(2 * sid - 2), ports.get(2 * sid - 1), false)));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PeerNetwork network : networks.values()) {
            network.close();
        }
        for (AutoCloseable spy : spies) {
            spy.close();
        }
        acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test
    void twoMembersTalkInBothDirectionsInSendOrder() throws Exception {
        start(1);
        start(2);
        commits(1000).forEach(m -> networks.get(1).send(2, m));
        commits(500).forEach(m -> networks.get(2).send(1, m));
        assertEquals(commits(1000), inboxes.get(2).awaitMessagesFrom(1, 1000));
        assertEquals(commits(500), inboxes.get(1).awaitMessagesFrom(2, 500));
        assertEquals(0, inboxes.get(1).peerDownCount(2) + inboxes.get(2).peerDownCount(1));
    }

    @Test
    void votesGoToTheElectionPortAndEverythingElseToTheQuorumPort() throws Exception {
        ServerSocket electionSpy = spy();
        start(2);
        start(1, view(2, new PeerAddresses(addresses.get(2).quorum(), loopback(electionSpy.getLocalPort()))));
        networks.get(1).send(2, vote(2));
        networks.get(1).send(2, commit(5));

        assertEquals(List.of(commit(5)), inboxes.get(2).awaitMessagesFrom(1, 1));
        try (Socket link = electionSpy.accept()) {
            link.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            DataInputStream in = new DataInputStream(link.getInputStream());
            assertEquals(1, Hello.parseFrom(readFrame(in)).getSid());
            assertEquals(vote(2), PeerMessage.parseFrom(readFrame(in)));
        }
    }

    @Test
    void closingAMemberReportsItDownAtTheOthersWhoKeepTalking() throws Exception {
        for (int sid = 1; sid <= 3; sid++) {
            start(sid);
        }
        for (int from = 1; from <= 3; from++) {
            for (int to = 1; to <= 3; to++) {
                if (from != to) {
                    networks.get(from).send(to, vote(to));
                    for (PeerMessage m : commits(10)) {
                        networks.get(from).send(to, m);
                    }
                }
            }
        }
        for (int to = 1; to <= 3; to++) {
            for (int from = 1; from <= 3; from++) {
                if (from != to) {
                    List<PeerMessage> received = inboxes.get(to).awaitMessagesFrom(from, 11);
                    assertEquals(commits(10), received.stream().filter(PeerMessage::hasCommit).toList());
                }
            }
        }

        networks.remove(3).close();
        // Both quorum connections with member 3 (one each way) break at members 1 and 2.
        for (int sid = 1; sid <= 2; sid++) {
            RecordingInbox inbox = inboxes.get(sid);
            Await.until("both links to 3 reported down at " + sid, () -> inbox.peerDownCount(3) == 2);
        }
        networks.get(1).send(2, commit(100));
        networks.get(2).send(1, commit(200));
        assertEquals(commit(100), last(inboxes.get(2).awaitMessagesFrom(1, 12)), "a vote, 10 commits, then this");
        assertEquals(commit(200), last(inboxes.get(1).awaitMessagesFrom(2, 12)));
        assertEquals(0, inboxes.get(1).peerDownCount(2) + inboxes.get(2).peerDownCount(1));
        assertEquals(2, inboxes.get(1).peerDownCount(3), "one peerDown per broken connection");
    }

    @Test
    void bogusConnectionsAreDroppedAndTheMembersKeepTalking() throws Exception {
        start(1);
        start(2);
        networks.get(1).send(2, commit(1));
        inboxes.get(2).awaitMessagesFrom(1, 1);

        InetSocketAddress quorum2 = addresses.get(2).quorum();
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertClosedByPeer(quorum2, frame(garbage));
        assertClosedByPeer(quorum2, lengthOnly(PeerFrameDecoder.PEER_FRAME_BYTES_MAX + 1));
        assertClosedByPeer(quorum2, helloFrame(9));
        assertClosedByPeer(quorum2, helloFrame(2));
        assertClosedByPeer(addresses.get(2).election(), concat(helloFrame(3), frame(garbage)));
        assertClosedByPeer(quorum2, concat(helloFrame(3), frame(commit(3)), frame(garbage)));

        commits(10).forEach(m -> networks.get(1).send(2, m));
        networks.get(2).send(1, commit(20));
        assertEquals(commit(10), last(inboxes.get(2).awaitMessagesFrom(1, 11)));
        assertEquals(List.of(commit(20)), inboxes.get(1).awaitMessagesFrom(2, 1));
        assertEquals(List.of(commit(3)), inboxes.get(2).messagesFrom(3), "delivered before the garbage");
        assertEquals(1, inboxes.get(2).peerDownCount(3), "only the quorum connection that said Hello");
        assertEquals(0, inboxes.get(2).peerDownCount(1));
    }

    @Test
    void aRestartedMemberIsReachedAgain() throws Exception {
        start(1);
        start(2);
        networks.get(1).send(2, commit(1));
        networks.get(2).send(1, commit(2));
        inboxes.get(2).awaitMessagesFrom(1, 1);
        inboxes.get(1).awaitMessagesFrom(2, 1);

        networks.remove(2).close();
        Await.until("both links to 2 reported down", () -> inboxes.get(1).peerDownCount(2) == 2);
        RecordingInbox before = inboxes.get(2);
        start(2);
        networks.get(1).send(2, commit(3));
        networks.get(2).send(1, commit(4));
        assertEquals(List.of(commit(3)), inboxes.get(2).awaitMessagesFrom(1, 1));
        assertEquals(List.of(commit(2), commit(4)), inboxes.get(1).awaitMessagesFrom(2, 2));
        assertEquals(List.of(commit(1)), before.messagesFrom(1), "nothing reached the closed network");
    }

    @Test
    void aMemberThatStopsReadingIsDroppedOncePeerQueueMaxMessagesWait() throws Exception {
        ServerSocket neverAccepts = spy();
        start(1, view(2, new PeerAddresses(loopback(neverAccepts.getLocalPort()), addresses.get(2).election())));
        PeerMessage message = PeerMessages.forwarded(4096);
        RecordingInbox inbox = inboxes.get(1);
        int sent = 0;
        // Kernel buffers and Netty's high-water mark hold a few thousand of these; the queue the rest.
        while (inbox.peerDownCount(2) == 0 && sent < 3 * PeerNetwork.PEER_QUEUE_MAX) {
            networks.get(1).send(2, message);
            sent++;
        }
        inbox.awaitPeerDown(2);
        assertTrue(sent > PeerNetwork.PEER_QUEUE_MAX, "sent " + sent);
    }

    @Test
    void aPortThatCannotBeBoundFailsNamingTheSidAndPort() throws Exception {
        ServerSocket taken = spy();
        PeerNetwork network = new PeerNetwork(1,
                view(1, new PeerAddresses(loopback(taken.getLocalPort()), addresses.get(1).election())),
                acceptGroup, ioGroup, new RecordingInbox());
        BindException failure = assertThrows(BindException.class, network::start);
        assertTrue(failure.getMessage().startsWith("sid 1 cannot listen on its quorum port"), failure.getMessage());
        network.close();
    }

    @Test
    void sendingToItselfOrToAStrangerIsAProgrammingError() throws Exception {
        start(1);
        assertThrows(IllegalArgumentException.class, () -> networks.get(1).send(1, commit(1)));
        assertThrows(IllegalArgumentException.class, () -> networks.get(1).send(4, commit(1)));
    }

    @Test
    void aServerLineGivesUnresolvedAddressesLookedUpOnEachConnect() {
        PeerAddresses peer = PeerAddresses.from(new ServerSpec(2, "localhost", 2888, 3888, false));
        assertTrue(peer.quorum().isUnresolved());
        assertEquals("localhost", peer.quorum().getHostString());
        assertEquals(2888, peer.quorum().getPort());
        assertEquals(3888, peer.election().getPort());
    }

    private void start(int sid) throws Exception {
        start(sid, addresses);
    }

    private void start(int sid, Map<Integer, PeerAddresses> view) throws Exception {
        RecordingInbox inbox = new RecordingInbox();
        PeerNetwork network = new PeerNetwork(sid, view, acceptGroup, ioGroup, inbox);
        networks.put(sid, network);
        inboxes.put(sid, inbox);
        PeerAddresses bound = network.start();
        assertEquals(view.get(sid).quorum().getPort(), bound.quorum().getPort());
    }

    /** The ensemble's addresses as one member's zoo.cfg would list them, with {@code sid}'s replaced. */
    private Map<Integer, PeerAddresses> view(int sid, PeerAddresses replacement) {
        Map<Integer, PeerAddresses> view = new HashMap<>(addresses);
        view.put(sid, replacement);
        return view;
    }

    /** A listening socket the test controls, standing in for a member (or a proxy in front of it). */
    private ServerSocket spy() throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        spies.add(socket);
        return socket;
    }

    private static void assertClosedByPeer(InetSocketAddress address, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(address.getHostString(), address.getPort())) {
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            assertEquals(-1, socket.getInputStream().read(), "the member closed the connection");
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return body;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Ports free a moment ago: bound together (so distinct), then released for the networks to bind. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
