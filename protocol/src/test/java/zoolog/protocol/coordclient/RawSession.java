package zoolog.protocol.coordclient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
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

    private RawSession() {}

    static void close(InetSocketAddress server, long sessionId, byte[] password) throws IOException, JuteException {
        try (Socket socket = new Socket(server.getAddress(), server.getPort())) {
            socket.setSoTimeout((int) Deadlines.WAIT_MILLIS);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            ByteBuf frame = Unpooled.buffer();
            ZkCodec.encodeConnectRequest(new ConnectRequest(0, 0, CoordClientContract.SESSION_TIMEOUT_MILLIS, sessionId,
                    password, false, true), frame);
            out.write(frame.array(), frame.arrayOffset(), frame.readableBytes());
            if (ZkCodec.decodeConnectResponse(readFrame(in)).timeoutMillis() <= 0) {
                throw new IllegalStateException("session 0x" + Long.toHexString(sessionId) + " is already gone");
            }
            frame.clear();
            ZkCodec.encodeRequest(1, new ZkRequest.CloseSession(), frame);
            out.write(frame.array(), frame.arrayOffset(), frame.readableBytes());
            DecodedReply reply = ZkCodec.decodeReply(readFrame(in), OpCode.CLOSE_SESSION);
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
}
