package zoolog.coord.net.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.coord.net.peer.PeerMessages.commit;
import static zoolog.coord.net.peer.PeerMessages.commits;
import static zoolog.coord.net.peer.PeerMessages.frame;
import static zoolog.coord.net.peer.PeerMessages.helloFrame;
import static zoolog.coord.net.peer.PeerMessages.lengthOnly;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.PeerMessage;

/**
 * The peer pipelines on EmbeddedChannels: the encoder's bytes, and an accepted connection's
 * Hello check, framing limits and delivery, with one WARN line for each connection refused.
 */
class PeerPipelineTest {

    private static final int MY_SID = 1;
    private static final int OTHER_SID = 2;

    private EventLoopGroup unusedGroup;
    private RecordingInbox inbox;
    private PeerNetwork network;
    private ListAppender<ILoggingEvent> warnings;
    private Logger handlerLogger;

    @BeforeEach
    void setUp() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        // The network is never started here; it only needs groups to exist.
        unusedGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("test-peer-unused"));
        inbox = new RecordingInbox();
        PeerAddresses nowhere = new PeerAddresses(InetSocketAddress.createUnresolved("localhost", 1),
                InetSocketAddress.createUnresolved("localhost", 2));
        network = new PeerNetwork(MY_SID, Map.of(MY_SID, nowhere, OTHER_SID, nowhere, 3, nowhere),
                unusedGroup, unusedGroup, inbox);
        handlerLogger = (Logger) LoggerFactory.getLogger(InboundPeerHandler.class);
        warnings = new ListAppender<>();
        warnings.start();
        handlerLogger.addAppender(warnings);
    }

    @AfterEach
    void tearDown() {
        handlerLogger.detachAppender(warnings);
        network.close();
        unusedGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private EmbeddedChannel accepted(PeerPort port) {
        return new EmbeddedChannel(network.inboundInitializer(port));
    }

    private static ByteBuf bytes(byte[]... parts) {
        return Unpooled.wrappedBuffer(parts);
    }

    private List<String> warningLines() {
        return warnings.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private void assertRefusedOnce(EmbeddedChannel channel, String because) {
        assertFalse(channel.isOpen(), "connection closed");
        List<String> lines = warningLines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(because), lines.get(0));
    }

    @Test
    void theEncoderWritesALengthThenTheProtobufBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(PeerFrameEncoder.INSTANCE);
        PeerMessage message = commit(42);
        channel.writeOutbound(message);
        ByteBuf written = channel.readOutbound();
        try {
            assertEquals(Unpooled.wrappedBuffer(frame(message)), written);
        } finally {
            written.release();
        }
    }

    @Test
    void theEncoderRefusesAMessageOverTheFrameLimit() {
        EmbeddedChannel channel = new EmbeddedChannel(PeerFrameEncoder.INSTANCE);
        PeerMessage huge = PeerMessages.forwarded(PeerFrameDecoder.PEER_FRAME_BYTES_MAX);
        EncoderException failure = assertThrows(EncoderException.class, () -> channel.writeOutbound(huge));
        assertTrue(failure.getMessage().contains("PEER_FRAME_BYTES_MAX"), failure.getMessage());
    }

    @Test
    void messagesAfterTheHelloReachTheInboxInOrderEvenWhenSplitAcrossReads() {
        EmbeddedChannel channel = accepted(PeerPort.QUORUM);
        byte[] stream = helloFrame(OTHER_SID);
        for (PeerMessage message : commits(3)) {
            stream = concat(stream, frame(message));
        }
        for (byte b : stream) {
            channel.writeInbound(bytes(new byte[] {b}));
        }
        assertEquals(commits(3), inbox.messagesFrom(OTHER_SID));
        assertTrue(channel.isOpen());
        assertEquals(List.of(), warningLines());
    }

    @Test
    void aLengthOverTheLimitIsRefused() {
        EmbeddedChannel channel = accepted(PeerPort.QUORUM);
        channel.writeInbound(bytes(lengthOnly(PeerFrameDecoder.PEER_FRAME_BYTES_MAX + 1)));
        assertRefusedOnce(channel, "PEER_FRAME_BYTES_MAX");
        assertEquals(List.of(), inbox.events());
    }

    @Test
    void aNegativeLengthIsRefused() {
        EmbeddedChannel channel = accepted(PeerPort.ELECTION);
        channel.writeInbound(bytes(helloFrame(OTHER_SID), lengthOnly(-5)));
        assertRefusedOnce(channel, "frame length -5");
    }

    @ParameterizedTest
    @ValueSource(ints = {MY_SID, 9})
    void aHelloFromOurselvesOrAStrangerIsRefusedWithoutPeerDown(int sid) {
        EmbeddedChannel channel = accepted(PeerPort.QUORUM);
        channel.writeInbound(bytes(helloFrame(sid), frame(commit(1))));
        assertRefusedOnce(channel, "sid " + sid);
        assertEquals(List.of(), inbox.events());
    }

    @Test
    void garbageAfterTheHelloIsRefusedAndReportsTheMemberDown() {
        EmbeddedChannel channel = accepted(PeerPort.QUORUM);
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        channel.writeInbound(bytes(helloFrame(OTHER_SID), frame(commit(1)), frame(garbage), frame(commit(2))));
        assertRefusedOnce(channel, "malformed peer message");
        assertEquals(List.of(new RecordingInbox.Event(OTHER_SID, commit(1)), new RecordingInbox.Event(OTHER_SID, null)),
                inbox.events());
    }

    @Test
    void aMessageWithoutABodyIsRefused() {
        EmbeddedChannel channel = accepted(PeerPort.QUORUM);
        channel.writeInbound(bytes(helloFrame(OTHER_SID), frame(new byte[0])));
        assertRefusedOnce(channel, "without a known body");
    }

    @Test
    void anElectionConnectionClosingIsSilent() {
        EmbeddedChannel channel = accepted(PeerPort.ELECTION);
        channel.writeInbound(bytes(helloFrame(OTHER_SID), frame(PeerMessages.vote(2))));
        channel.close();
        assertEquals(List.of(new RecordingInbox.Event(OTHER_SID, PeerMessages.vote(2))), inbox.events());
    }

    @Test
    void aNewerQuorumConnectionReportsTheOlderOneDownBeforeDelivering() {
        EmbeddedChannel older = accepted(PeerPort.QUORUM);
        older.writeInbound(bytes(helloFrame(OTHER_SID), frame(commit(1))));
        EmbeddedChannel newer = accepted(PeerPort.QUORUM);
        newer.writeInbound(bytes(helloFrame(OTHER_SID), frame(commit(10))));
        older.runPendingTasks();
        assertFalse(older.isOpen());
        newer.close();
        assertEquals(List.of(
                        new RecordingInbox.Event(OTHER_SID, commit(1)),
                        new RecordingInbox.Event(OTHER_SID, null),
                        new RecordingInbox.Event(OTHER_SID, commit(10)),
                        new RecordingInbox.Event(OTHER_SID, null)),
                inbox.events(), "one peerDown per connection, the older one's before the newer one's messages");
    }

    @Test
    void aNewerElectionConnectionReplacesTheOlderOneSilently() {
        EmbeddedChannel older = accepted(PeerPort.ELECTION);
        older.writeInbound(bytes(helloFrame(OTHER_SID)));
        EmbeddedChannel newer = accepted(PeerPort.ELECTION);
        newer.writeInbound(bytes(helloFrame(OTHER_SID), frame(PeerMessages.vote(3))));
        older.runPendingTasks();
        assertFalse(older.isOpen());
        assertTrue(newer.isOpen());
        assertEquals(List.of(new RecordingInbox.Event(OTHER_SID, PeerMessages.vote(3))), inbox.events());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
