package zoolog.protocol.zk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import zoolog.protocol.jute.JuteException;

/**
 * ZooKeeper requests and replies as plain byte arrays, for code that must not see Netty buffers:
 * a learner forwards its client's request to the leader in exactly the bytes the client sent,
 * and the leader returns a failed multi's results the same way. The bytes are a frame without
 * its length prefix, so they decode with the same rules as a client's frame.
 */
public final class ZkBytes {

    private ZkBytes() {}

    public static byte[] request(int xid, ZkRequest request) {
        ByteBuf buffer = Unpooled.buffer();
        ZkCodec.encodeRequest(xid, request, buffer);
        return withoutLengthPrefix(buffer);
    }

    public static DecodedRequest decodeRequest(byte[] bytes, int lengthMax) throws JuteException {
        return ZkCodec.decodeRequest(Unpooled.wrappedBuffer(bytes), lengthMax);
    }

    public static byte[] reply(int xid, long zxid, int err, ZkResponse body) {
        ByteBuf buffer = Unpooled.buffer();
        ZkCodec.encodeReply(xid, zxid, err, body, buffer);
        return withoutLengthPrefix(buffer);
    }

    public static DecodedReply decodeReply(byte[] bytes, int requestOpCode) throws JuteException {
        return ZkCodec.decodeReply(Unpooled.wrappedBuffer(bytes), requestOpCode);
    }

    private static byte[] withoutLengthPrefix(ByteBuf buffer) {
        buffer.skipBytes(ZkCodec.LENGTH_PREFIX_BYTES);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }
}
