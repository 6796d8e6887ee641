package zoolog.coord.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.ZkCodec;

/**
 * A bare TCP connection to the client port that sends whatever bytes a test gives it, for
 * feeding the server input no real client would send. It can also speak just enough of the
 * protocol to open a session, then read length-prefixed server frames. Used by one test thread.
 */
final class RawConnection implements AutoCloseable {

    /** How long the server may take to answer or to close a bad connection. */
    static final long CLOSE_WAIT_SECONDS_MAX = 20;
    /** The session timeout raw sessions ask for; short, so the sessions they leave behind expire soon. */
    static final int SESSION_TIMEOUT_MILLIS = 4_000;
    /** Larger than any reply this test provokes; a longer frame from the server is a failure. */
    private static final int SERVER_FRAME_BYTES_MAX = 4 * 1024 * 1024;
    /** Bytes kept of what the server sends before closing; enough for any 4lw answer. */
    private static final int DRAINED_BYTES_MAX = 4 * 1024 * 1024;
    /** Frames kept from one connection; the bad-input cases provoke a handful. */
    private static final int FRAMES_MAX = 10_000;

    /** How a bad connection ended, and what the server sent before. */
    record Ending(boolean closedByServer, byte[] received) {}

    private final Socket socket;
    private final DataInputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    static RawConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                (int) TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS_MAX));
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS_MAX));
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    /** Sends a new-session ConnectRequest and returns the server's ConnectResponse. */
    ConnectResponse connect() throws IOException, JuteException {
        send(BadFrames.connectFrame());
        byte[] reply = readFrame();
        assertNotNull(reply, "the server closed instead of answering a valid ConnectRequest");
        ConnectResponse response = ZkCodec.decodeConnectResponse(Unpooled.wrappedBuffer(reply));
        assertTrue(response.sessionId() != 0, "the server granted a session");
        return response;
    }

    /**
     * Sends {@code bytes}; false if the server had already closed (a reset), which is one of the
     * answers a bad input may get.
     */
    boolean send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** One server frame without its length prefix, or null once the server has closed. */
    byte[] readFrame() throws IOException {
        try {
            int length = in.readInt();
            assertTrue(length >= 0 && length <= SERVER_FRAME_BYTES_MAX, "server frame length " + length);
            byte[] frame = new byte[length];
            in.readFully(frame);
            return frame;
        } catch (EOFException | SocketException closed) {
            return null;
        }
    }

    /**
     * Ends our input, then reads server frames until the server closes; fails if it does not
     * close in time.
     */
    List<byte[]> readFramesUntilClosedAfterEndOfInput() throws IOException {
        try {
            socket.shutdownOutput();
        } catch (SocketException alreadyReset) {
            return List.of();
        }
        List<byte[]> frames = new ArrayList<>();
        try {
            for (byte[] frame = readFrame(); frame != null; frame = readFrame()) {
                assertTrue(frames.size() < FRAMES_MAX, "the server sent more than " + FRAMES_MAX + " frames");
                frames.add(frame);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + CLOSE_WAIT_SECONDS_MAX
                    + " s after " + frames.size() + " frames", e);
        }
        return frames;
    }

    /**
     * Half-closes our side (the end of the bad input) and waits for the server to close its side.
     * With {@code endInput} false the server must close on its own, having seen enough.
     */
    Ending awaitClose(boolean endInput) throws IOException {
        if (endInput && !socket.isOutputShutdown()) {
            try {
                socket.shutdownOutput();
            } catch (SocketException alreadyReset) {
                return new Ending(true, new byte[0]);
            }
        }
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                if (received.size() < DRAINED_BYTES_MAX) {
                    received.write(buffer, 0, Math.min(read, DRAINED_BYTES_MAX - received.size()));
                }
            }
        } catch (SocketTimeoutException e) {
            return new Ending(false, received.toByteArray());
        } catch (SocketException reset) {
            return new Ending(true, received.toByteArray());
        }
        return new Ending(true, received.toByteArray());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
