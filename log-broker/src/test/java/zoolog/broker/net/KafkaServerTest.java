package zoolog.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.log.LogReadResult;
import zoolog.protocol.kafka.ApiKey;
import zoolog.protocol.kafka.ApiVersions;
import zoolog.protocol.kafka.Fetch;
import zoolog.protocol.kafka.Metadata;

/**
 * The listener on real sockets: malformed, unknown and oversized requests close only their own
 * connection; responses keep request order even when handlers finish out of order; fetch records
 * spliced from a file arrive byte for byte.
 */
class KafkaServerTest {

    private static final int REQUEST_BYTES_MAX = 1024;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path dir;

    private KafkaServer server;
    private InetSocketAddress address;
    private final CompletableFuture<Reply> slowReply = new CompletableFuture<>();
    private FileChannel segment;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("segment.log");
        Files.writeString(file, "....RECORD-BYTES-FROM-THE-FILE....", StandardCharsets.US_ASCII);
        segment = FileChannel.open(file, StandardOpenOption.READ);
        server = new KafkaServer(new KafkaServer.Settings("127.0.0.1", 0, 1, -1, -1, REQUEST_BYTES_MAX),
                (context, request) -> switch (request.header().apiKey()) {
                    case METADATA -> slowReply;
                    case FETCH -> CompletableFuture.completedFuture(fetchReply());
                    default -> CompletableFuture.completedFuture(Reply.of(
                            new ApiVersions.Response((short) 0, List.of(), 0)));
                });
        address = server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        segment.close();
    }

    private Reply fetchReply() {
        ByteBuf token = Unpooled.buffer(0);
        Map<ByteBuf, LogReadResult> regions = new IdentityHashMap<>();
        regions.put(token, new LogReadResult(false, segment, 4, 26));
        return new Reply(new Fetch.Response(0, (short) 0, 0, List.of(new Fetch.FetchableTopicResponse("t",
                List.of(new Fetch.PartitionData(0, (short) 0, 1, 1, 0, List.of(), -1, token))))), regions);
    }

    @Test
    void badRequestsCloseOnlyTheirOwnConnection() throws Exception {
        try (Socket good = connect(); Socket unknownKey = connect(); Socket oversized = connect();
             Socket garbage = connect()) {
            send(unknownKey, header(99, 0, 1));
            assertClosed(unknownKey);
            new DataOutputStream(oversized.getOutputStream()).writeInt(REQUEST_BYTES_MAX + 1);
            assertClosed(oversized);
            send(garbage, new byte[] {0, 3});
            assertClosed(garbage);
            send(good, header(ApiKey.API_VERSIONS.id(), 0, 42));
            assertEquals(42, correlationIdOf(receive(good)));
        }
    }

    @Test
    void responsesKeepRequestOrderWhenHandlersFinishOutOfOrder() throws Exception {
        try (Socket socket = connect()) {
            send(socket, header(ApiKey.METADATA.id(), 0, 1, 0, 0, 0, 0));
            send(socket, header(ApiKey.API_VERSIONS.id(), 0, 2));
            slowReply.complete(Reply.of(new Metadata.Response(0, List.of(), null, -1, List.of())));
            assertEquals(1, correlationIdOf(receive(socket)));
            assertEquals(2, correlationIdOf(receive(socket)));
        }
    }

    @Test
    void fetchRecordsAreSplicedFromTheFile() throws Exception {
        try (Socket socket = connect()) {
            ByteBuffer body = ByteBuffer.allocate(64);
            body.putInt(-1).putInt(0).putInt(0).putInt(1).put((byte) 0).putInt(0).putInt(-1).putInt(0).putInt(0)
                    .putShort((short) 0);
            send(socket, concat(header(ApiKey.FETCH.id(), 11, 7), java.util.Arrays.copyOf(body.array(), body.position())));
            byte[] response = receive(socket);
            String text = new String(response, StandardCharsets.US_ASCII);
            assertTrue(text.endsWith("RECORD-BYTES-FROM-THE-FILE"), text);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** A request header v1 (key, version, correlation id, null client id) followed by {@code bodyShorts}. */
    private static byte[] header(int key, int version, int correlationId, int... bodyShorts) {
        ByteBuffer buffer = ByteBuffer.allocate(10 + 2 * bodyShorts.length);
        buffer.putShort((short) key).putShort((short) version).putInt(correlationId).putShort((short) -1);
        for (int s : bodyShorts) {
            buffer.putShort((short) s);
        }
        return buffer.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void send(Socket socket, byte[] frame) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    private static byte[] receive(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        return frame;
    }

    private static int correlationIdOf(byte[] response) {
        return ByteBuffer.wrap(response).getInt();
    }

    private static void assertClosed(Socket socket) throws IOException {
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "expected the broker to close the connection");
        } catch (EOFException | java.net.SocketException closed) {
            // reset by the broker: closed as well
        }
    }
}
