package zoolog.coord.net.peer;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/**
 * Writes a protobuf message ({@code Hello} or {@code PeerMessage}) as one peer frame: a 4-byte
 * big-endian length, then the message bytes, in one exactly-sized buffer. A message over
 * {@link PeerFrameDecoder#PEER_FRAME_BYTES_MAX} fails here, at the sender, rather than being
 * rejected by the receiver. Stateless and shared by every outgoing connection.
 */
@ChannelHandler.Sharable
final class PeerFrameEncoder extends MessageToByteEncoder<MessageLite> {

    static final PeerFrameEncoder INSTANCE = new PeerFrameEncoder();

    private PeerFrameEncoder() {
        super(MessageLite.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageLite message, boolean preferDirect) {
        int size = checkedSize(message);
        return ctx.alloc().ioBuffer(PeerFrameDecoder.LENGTH_FIELD_BYTES + size);
    }

    /** Serialises straight into the frame buffer: no stream, no intermediate copy per message. */
    @Override
    protected void encode(ChannelHandlerContext ctx, MessageLite message, ByteBuf out) throws IOException {
        int size = checkedSize(message);
        out.writeInt(size);
        out.ensureWritable(size);
        CodedOutputStream coded = CodedOutputStream.newInstance(out.nioBuffer(out.writerIndex(), size));
        message.writeTo(coded);
        coded.checkNoSpaceLeft();
        out.writerIndex(out.writerIndex() + size);
    }

    private static int checkedSize(MessageLite message) {
        int size = message.getSerializedSize();
        if (size > PeerFrameDecoder.PEER_FRAME_BYTES_MAX) {
            throw new EncoderException("a peer message of " + size + " bytes exceeds PEER_FRAME_BYTES_MAX ("
                    + PeerFrameDecoder.PEER_FRAME_BYTES_MAX + ")");
        }
        return size;
    }
}
