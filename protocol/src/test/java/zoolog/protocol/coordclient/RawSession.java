package zoolog.protocol.coordclient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.DecodedReply;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkRequest;

/**
 * A throw-away blocking connection that takes over an existing session (by id and password) and
 * closes it: the classic way to make a server expire another client's session on demand.
 */
final class RawSession {

    /** Takeovers tried before giving up; see {@link #close}. */
    private static final int ATTEMPTS_MAX = 20;

    private RawSession() {}

    /**
     * Closes the session. Apache's standalone server drops a second connection of a session that
     * it is still tearing down the first one of (a JMX name clash), so a dropped handshake is retried.
     */
    static void close(InetSocketAddress server, long sessionId, byte[] password) throws IOException, JuteException {
        for (int attempt = 1; ; attempt++) {
            try {
                closeOnce(server, sessionId, password);
                return;
            } catch (HandshakeDropped e) {
                if (attempt == ATTEMPTS_MAX) {
                    throw new IllegalStateException("server dropped " + ATTEMPTS_MAX + " takeovers of session 0x"
                            + Long.toHexString(sessionId), e);
                }
            }
        }
    }

    private static void closeOnce(InetSocketAddress server, long sessionId, byte[] password)
            throws IOException, JuteException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout((int) Deadlines.WAIT_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            // Handshake and closeSession in one write: the server takes over the session and closes
            // it in one go, before the evicted client can reconnect and take the session back.
            ByteBuf frame = Unpooled.buffer();
            ZkCodec.encodeConnectRequest(new ConnectRequest(0, 0, CoordClientContract.SESSION_TIMEOUT_MILLIS, sessionId,
                    password, false, true), frame);
            ZkCodec.encodeRequest(1, new ZkRequest.CloseSession(), frame);
            out.write(frame.array(), frame.arrayOffset(), frame.readableBytes());
            ByteBuf handshake;
            try {
                handshake = readFrame(in);
            } catch (EOFException e) {
                throw new HandshakeDropped(e);
            }
            if (ZkCodec.decodeConnectResponse(handshake).timeoutMillis() <= 0) {
                throw new IllegalStateException("session 0x" + Long.toHexString(sessionId) + " is already gone");
            }
            ByteBuf replyFrame;
            try {
                replyFrame = readFrame(in);
            } catch (EOFException e) {
                // Apache's standalone server may drop a closed session's connection before its reply
                // leaves; the caller checks the outcome through the session's owner anyway.
                return;
            }
            DecodedReply reply = ZkCodec.decodeReply(replyFrame, OpCode.CLOSE_SESSION);
            if (reply.err() != 0) {
                throw new IllegalStateException("closeSession failed with " + reply.err());
            }
        }
    }

    private static ByteBuf readFrame(DataInputStream in) throws IOException {
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return Unpooled.wrappedBuffer(body);
    }

    private static final class HandshakeDropped extends IOException {
        private static final long serialVersionUID = 1L;

        HandshakeDropped(EOFException cause) {
            super("connection closed before the handshake reply", cause);
        }
    }
}
