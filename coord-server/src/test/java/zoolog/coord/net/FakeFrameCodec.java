package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * A tiny stand-in for the jute codec so pipeline tests do not depend on it. Connect frames are
 * {@code int timeoutMillis, long sessionId}; request frames are {@code int xid, int opCode}, where
 * opcode 4 decodes as getData("/x"), 11 as ping and anything else as unknown; a frame whose first
 * byte is 0x7f fails to decode. Every encoded frame is a length prefix and one tag byte
 * ('C', 'R', 'N') followed by an int: the session id's low bits, the xid or the event type; a
 * getData reply also carries its data bytes, so tests can make large frames.
 */
final class FakeFrameCodec implements FrameCodec {

    static final byte BAD_FRAME_MARKER = 0x7f;

    static ByteBuf connectFrame(int timeoutMillis, long sessionId) {
        return Unpooled.buffer().writeInt(12).writeInt(timeoutMillis).writeLong(sessionId);
    }

    static ByteBuf requestFrame(int xid, int opCode) {
        return Unpooled.buffer().writeInt(8).writeInt(xid).writeInt(opCode);
    }

    static ByteBuf badFrame() {
        return Unpooled.buffer().writeInt(4).writeByte(BAD_FRAME_MARKER).writeByte(0).writeShort(0);
    }

    @Override
    public ConnectRequest decodeConnectRequest(ByteBuf frame, int lengthMax) throws JuteException {
        rejectBad(frame);
        int timeoutMillis = frame.readInt();
        long sessionId = frame.readLong();
        return new ConnectRequest(0, 0, timeoutMillis, sessionId, new byte[16], false, true);
    }

    @Override
    public DecodedFrame decodeRequest(ByteBuf frame, int lengthMax) throws JuteException {
        rejectBad(frame);
        int xid = frame.readInt();
        int opCode = frame.readInt();
        ZkRequest request = switch (opCode) {
            case OpCode.GET_DATA -> new ZkRequest.GetData("/x", false);
            case OpCode.PING -> new ZkRequest.Ping();
            default -> null;
        };
        return new DecodedFrame(xid, opCode, request);
    }

    @Override
    public void encodeConnectResponse(ConnectResponse response, ByteBuf out) {
        out.writeInt(5).writeByte('C').writeInt((int) response.sessionId());
    }

    @Override
    public void encodeReply(int xid, long zxid, int err, ZkResponse body, ByteBuf out) {
        byte[] data = body instanceof ZkResponse.GetData getData ? getData.data() : new byte[0];
        out.writeInt(5 + data.length).writeByte('R').writeInt(xid).writeBytes(data);
    }

    @Override
    public void encodeNotification(long zxid, WatcherEvent event, ByteBuf out) {
        out.writeInt(5).writeByte('N').writeInt(event.type());
    }

    private static void rejectBad(ByteBuf frame) throws JuteException {
        if (frame.isReadable() && frame.getByte(frame.readerIndex()) == BAD_FRAME_MARKER) {
            throw new JuteException("Unreasonable length = 2147483647");
        }
    }
}
