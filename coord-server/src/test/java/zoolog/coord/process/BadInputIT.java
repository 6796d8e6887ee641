package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.it.TestServerConfig;
import zoolog.coord.it.ZoologTestServer;
import zoolog.coord.net.ClientFrameDecoder;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkRequest;

/**
 * What a server must survive from the network: garbage, truncated and mutated frames, frame
 * lengths that are too large or negative, unknown opcodes, null fields, abandoned half frames,
 * four-letter-word lookalikes and a session takeover with a wrong password. Each bad connection
 * must end (closed by the server, after an error reply at most), while a {@link HealthyClient}
 * keeps writing to the same in-process server without a failure or a dropped connection, and
 * finds its tree intact at the end. Random cases come from one seed, printed on failure
 * ({@code -Dzoolog.badinput.seed=...} replays a run).
 */
@Tag("it")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputIT {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputIT.class);
    private static final long SEED = Long.getLong("zoolog.badinput.seed", 0x5eed_2026L);
    /** Operations the healthy client must complete after each group of bad connections. */
    private static final int HEALTHY_OPERATIONS_PER_TEST = 20;
    private static final int GARBAGE_CASES = 80;
    private static final int GARBAGE_BYTES_MAX = 4096;
    private static final int RANDOM_FRAME_CASES = 80;
    private static final int RANDOM_FRAMES_PER_CONNECTION_MAX = 5;
    private static final int RANDOM_BODY_BYTES_MAX = 256;
    private static final int MUTATIONS_PER_REQUEST = 8;
    private static final int MUTATED_CONNECT_CASES = 30;
    private static final int WORD_CASES = 30;
    private static final int FLOOD_FRAMES_PER_WRITE = 1_000;
    /** Bounds the flood if the server kept reading after all; far more than its buffers hold. */
    private static final long FLOOD_BYTES_MAX = 64L * 1024 * 1024;
    private static final String[] WORDS = {"ruok", "stat", "srvr", "conf", "cons", "crst", "dump", "envi", "mntr",
        "wchs", "wchc", "wchp", "dirs", "isro", "gtmk", "stmk", "srst", "kill", "xxxx", "RUOK", "ruo", "r"};

    @TempDir
    static Path dir;

    private static ZoologTestServer server;
    private static HealthyClient healthy;
    private final Random random = new Random(SEED);

    @BeforeAll
    static void startServerAndHealthyClient() throws Exception {
        LOG.info("bad input seed {} (replay with -Dzoolog.badinput.seed={})", SEED, SEED);
        server = ZoologTestServer.start(TestServerConfig.defaults(), dir.resolve("server"));
        healthy = HealthyClient.start(server.connectString());
        healthy.awaitProgress(HEALTHY_OPERATIONS_PER_TEST);
    }

    @AfterAll
    static void healthyTreeIntact() throws Exception {
        try {
            if (healthy != null) {
                healthy.stopAndVerify();
            }
            assertEquals("imok", ProcessLifecycleIT.fourLetterWord(server.clientPort(), "ruok"));
        } finally {
            if (healthy != null) {
                healthy.close();
            }
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void healthyClientStillServed() throws InterruptedException {
        healthy.awaitProgress(HEALTHY_OPERATIONS_PER_TEST);
    }

    @Test
    void randomGarbage() throws Exception {
        for (int i = 0; i < GARBAGE_CASES; i++) {
            byte[] garbage = BadFrames.garbage(random, GARBAGE_BYTES_MAX);
            expectClosed("garbage " + HexFormat.of().formatHex(garbage), false, List.of(garbage), true);
        }
    }

    @Test
    void validConnectThenRandomFrames() throws Exception {
        int[] opCodes = {OpCode.CREATE, OpCode.DELETE, OpCode.EXISTS, OpCode.GET_DATA, OpCode.SET_DATA, OpCode.SET_ACL,
            OpCode.GET_CHILDREN2, OpCode.MULTI, OpCode.MULTI_READ, OpCode.SET_WATCHES2, OpCode.ADD_WATCH, OpCode.AUTH,
            OpCode.CREATE_TTL, OpCode.RECONFIG, OpCode.REMOVE_WATCHES};
        for (int i = 0; i < RANDOM_FRAME_CASES; i++) {
            List<byte[]> frames = new ArrayList<>();
            for (int f = 1 + random.nextInt(RANDOM_FRAMES_PER_CONNECTION_MAX); f > 0; f--) {
                byte[] body = BadFrames.garbage(random, RANDOM_BODY_BYTES_MAX);
                ByteBuffer frame = ByteBuffer.allocate(4 + 8 + body.length).putInt(8 + body.length)
                        .putInt(random.nextInt(1000)).putInt(opCodes[random.nextInt(opCodes.length)]).put(body);
                frames.add(frame.array());
            }
            expectClosed("random frames " + frames.stream().map(HexFormat.of()::formatHex).toList(), true, frames, true);
        }
    }

    @Test
    void mutatedValidFrames() throws Exception {
        for (BadFrames.Named request : BadFrames.validRequests()) {
            for (int m = 0; m < MUTATIONS_PER_REQUEST; m++) {
                byte[] mutated = BadFrames.mutate(request.frame(), random);
                expectClosed("mutation " + m + " of " + request.name() + ": " + HexFormat.of().formatHex(mutated),
                        true, List.of(mutated), true);
            }
        }
        byte[] connect = BadFrames.connectFrame();
        for (int i = 0; i < MUTATED_CONNECT_CASES; i++) {
            byte[] mutated = BadFrames.mutate(connect, random);
            expectClosed("mutated connect " + HexFormat.of().formatHex(mutated), false, List.of(mutated), true);
        }
    }

    @Test
    void requestsWithNullFieldsGetErrorsNotACrash() throws Exception {
        for (BadFrames.Named request : BadFrames.nullFields()) {
            expectClosed(request.name(), true, List.of(request.frame()), true);
        }
    }

    @Test
    void oversizedAndNegativeFrameLengthsCloseTheConnection() throws Exception {
        int bodyMax = ClientFrameDecoder.frameBodyBytesMax(ClientFrameDecoder.JUTE_MAX_BUFFER_DEFAULT);
        int[] lengths = {bodyMax + 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, -4};
        for (int length : lengths) {
            byte[] frame = ByteBuffer.allocate(64).putInt(length).array();
            expectClosed("length " + length + " first", false, List.of(frame), false);
            expectClosed("length " + length + " after connect", true, List.of(frame), false);
        }
    }

    @Test
    void unknownOpcodesAreAnsweredWithAnErrorOrClosed() throws Exception {
        int[] opCodes = {9999, 10, 23, 99, OpCode.CHECK, OpCode.DELETE_CONTAINER, OpCode.CREATE_SESSION, OpCode.ERROR,
            OpCode.NOTIFICATION, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int opCode : opCodes) {
            int xid = 4242;
            try (RawConnection connection = RawConnection.open(server.clientPort())) {
                connection.connect();
                connection.send(BadFrames.headerOnly(xid, opCode));
                connection.send(BadFrames.request(xid + 1, new ZkRequest.Exists("/", false)));
                List<byte[]> replies = connection.readFramesUntilClosedAfterEndOfInput();
                for (byte[] reply : replies) {
                    ByteBuffer header = ByteBuffer.wrap(reply);
                    if (header.getInt(0) == xid) {
                        assertNotEquals(ErrorCode.OK.code(), header.getInt(12), "opcode " + opCode + " answered OK");
                    }
                }
            }
            assertServing("opcode " + opCode);
        }
    }

    @Test
    void abandonedHalfFrames() throws Exception {
        byte[] connect = BadFrames.connectFrame();
        List<List<byte[]>> cases = List.of(
                List.of(new byte[] {0, 0}),
                List.of(Arrays.copyOf(connect, connect.length / 2)),
                List.of(connect, ByteBuffer.allocate(34).putInt(100).array()),
                List.of(connect, BadFrames.lengthOnly(1_000)));
        for (List<byte[]> chunks : cases) {
            RawConnection connection = RawConnection.open(server.clientPort());
            chunks.forEach(connection::send);
            connection.close();
            assertServing("abandoned " + chunks.stream().map(HexFormat.of()::formatHex).toList());
        }
        try (RawConnection connection = RawConnection.open(server.clientPort())) {
            connection.connect();
            connection.send(BadFrames.request(1, new ZkRequest.Exists("/", false)));
            byte[] reply = connection.readFrame();
            assertTrue(reply != null && ByteBuffer.wrap(reply).getInt(0) == 1, "a new connection is served");
        }
    }

    @Test
    void fourLetterWordLookalikes() throws Exception {
        for (int i = 0; i < WORD_CASES; i++) {
            String word = i < WORDS.length ? WORDS[i] : randomWord();
            byte[] suffix = random.nextBoolean() ? new byte[0] : BadFrames.garbage(random, 64);
            byte[] bytes = ByteBuffer.allocate(word.length() + suffix.length).put(word.getBytes(US_ASCII)).put(suffix).array();
            expectClosed("word " + word, false, List.of(bytes), true);
        }
    }

    @Test
    void takingOverTheHealthySessionWithAWrongPasswordFails() throws Exception {
        try (RawConnection connection = RawConnection.open(server.clientPort())) {
            ByteBuf frame = Unpooled.buffer();
            ZkCodec.encodeConnectRequest(new ConnectRequest(0, 0, RawConnection.SESSION_TIMEOUT_MILLIS,
                    healthy.sessionId(), new byte[BadFrames.PASSWORD_BYTES], false, true), frame);
            connection.send(ByteBufUtil.getBytes(frame));
            byte[] reply = connection.readFrame();
            if (reply != null) {
                ConnectResponse response = ZkCodec.decodeConnectResponse(Unpooled.wrappedBuffer(reply));
                assertEquals(0, response.timeoutMillis(), "a wrong password gets an expired-session answer");
            }
            assertTrue(connection.awaitClose(false).closedByServer(), "the server closes the impostor");
        }
    }

    /**
     * A client that pipelines reads and never reads the replies: the server must stop reading
     * from it (its replies pile up to the high-water mark) rather than stall everyone else.
     */
    @Test
    void aClientThatNeverReadsItsRepliesDoesNotStallOthers() throws Exception {
        RawConnection flooder = RawConnection.open(server.clientPort());
        flooder.connect();
        byte[] exists = BadFrames.request(1, new ZkRequest.Exists("/", false));
        ByteBuffer chunk = ByteBuffer.allocate(exists.length * FLOOD_FRAMES_PER_WRITE);
        for (int i = 0; i < FLOOD_FRAMES_PER_WRITE; i++) {
            chunk.put(exists);
        }
        AtomicLong sent = new AtomicLong();
        Thread sender = new Thread(() -> {
            while (sent.get() < FLOOD_BYTES_MAX && flooder.send(chunk.array())) {
                sent.addAndGet(chunk.capacity());
            }
        }, "flooder");
        sender.setDaemon(true);
        sender.start();
        try {
            healthy.awaitProgress(HEALTHY_OPERATIONS_PER_TEST);
        } finally {
            flooder.close();
            sender.join(TimeUnit.SECONDS.toMillis(RawConnection.CLOSE_WAIT_SECONDS_MAX));
        }
        assertFalse(sender.isAlive(), "the flooding thread ended once its socket was closed");
        LOG.info("the flooder got {} bytes of requests in before the server stopped reading", sent.get());
        assertTrue(sent.get() < FLOOD_BYTES_MAX, "the server read " + sent.get()
                + " bytes of requests from a client that read none of its replies");
    }

    /**
     * Sends {@code chunks} on a new connection (after a valid ConnectRequest if {@code connect}),
     * then checks that the server closes it: on its own, or once our input has ended if
     * {@code endInput}. What it sent before must be whole frames when a session was open.
     */
    private void expectClosed(String what, boolean connect, List<byte[]> chunks, boolean endInput) throws Exception {
        String context = what + " (seed " + SEED + ")";
        try (RawConnection connection = RawConnection.open(server.clientPort())) {
            if (connect) {
                connection.connect();
            }
            for (byte[] chunk : chunks) {
                if (!connection.send(chunk)) {
                    break;
                }
            }
            RawConnection.Ending ending = connection.awaitClose(endInput);
            assertTrue(ending.closedByServer(), context + ": the server kept the connection open");
            if (connect) {
                assertWholeFrames(context, ending.received());
            }
            assertServing(context);
        } catch (AssertionError e) {
            LOG.error("bad input case failed: {}", context);
            throw e;
        }
    }

    /**
     * The core still runs after a bad connection (a core that throws stops the node). isro asks
     * the core, behind every input already queued, including the bad connection's last frames.
     */
    private static void assertServing(String context) {
        String answer;
        try {
            answer = ProcessLifecycleIT.fourLetterWord(server.clientPort(), "isro");
        } catch (IOException e) {
            answer = e.toString();
        }
        assertEquals("rw", answer, "the server stopped serving after " + context);
    }

    /** Server output after the handshake: length-prefixed frames, each at least a reply header. */
    private static void assertWholeFrames(String context, byte[] received) {
        ByteBuffer bytes = ByteBuffer.wrap(received);
        while (bytes.remaining() >= 4) {
            int length = bytes.getInt();
            assertTrue(length >= ZkCodec.REPLY_HEADER_BYTES && length <= bytes.remaining(),
                    context + ": a server frame of length " + length + " with " + bytes.remaining() + " bytes left");
            bytes.position(bytes.position() + length);
        }
        assertFalse(bytes.hasRemaining(), context + ": the server sent a partial frame");
    }

    private String randomWord() {
        char[] letters = new char[4];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(letters);
    }
}
