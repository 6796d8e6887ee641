package zoolog.coord.net.peer;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Splits a peer connection's byte stream into frames: a 4-byte big-endian length, then that many
 * bytes of protobuf, passed on without the length. A negative length or one above
 * {@link #PEER_FRAME_BYTES_MAX} raises {@link FrameLengthException} after discarding the buffered
 * bytes, and {@link InboundPeerHandler} closes the connection. One instance per connection, used on
 * its event loop.
 */
final class PeerFrameDecoder extends LengthFieldBasedFrameDecoder {

    /**
     * The largest frame body a member sends or accepts. Peer messages are small except snapshot
     * chunks and proposals carrying a znode's data (at most {@code jute.maxbuffer}, 1 MiB by default);
     * 64 MiB leaves room for a generous chunk while bounding what one connection can make us buffer.
     */
    static final int PEER_FRAME_BYTES_MAX = 64 * 1024 * 1024;

    static final int LENGTH_FIELD_BYTES = 4;

    PeerFrameDecoder() {
        super(LENGTH_FIELD_BYTES + PEER_FRAME_BYTES_MAX, 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buffer, int offset, int length, ByteOrder order) {
        int bodyLength = buffer.getInt(offset);
        if (bodyLength < 0 || bodyLength > PEER_FRAME_BYTES_MAX) {
            // Nothing after a bad length can be trusted; drop it so the decoder does not retry.
            buffer.skipBytes(buffer.readableBytes());
            throw new FrameLengthException(bodyLength);
        }
        return bodyLength;
    }

    /** A frame length that is negative or over {@link #PEER_FRAME_BYTES_MAX}. */
    static final class FrameLengthException extends CorruptedFrameException {
        FrameLengthException(int length) {
            super("frame length " + length + " is outside 0.." + PEER_FRAME_BYTES_MAX
                    + " (PEER_FRAME_BYTES_MAX)");
        }
    }
}
