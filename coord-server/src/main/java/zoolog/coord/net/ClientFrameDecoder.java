package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Splits a client's byte stream into frames: a 4-byte big-endian length, then that many bytes,
 * passed on without the length. A length that is negative or above the limit is ZooKeeper's
 * "Len error": the decoder discards what it has and raises {@link FrameLengthException}, and the
 * connection handler logs one line and closes. The limit is also what bounds the memory one
 * connection can hold in a half-received frame.
 */
public final class ClientFrameDecoder extends LengthFieldBasedFrameDecoder {

    /** ZooKeeper's default {@code jute.maxbuffer}: 1 MiB - 1. */
    public static final int JUTE_MAX_BUFFER_DEFAULT = 0xfffff;

    /**
     * Room for the request header, path and ACL that travel with a znode's data in one frame.
     * {@code jute.maxbuffer} is meant as the largest znode data a client may write, so the frame
     * limit sits a little above it, like ZooKeeper's own record slack
     * ({@code zookeeper.jute.maxbuffer.extrasize}).
     */
    public static final int HEADER_ALLOWANCE_BYTES = 1024;

    private static final int LENGTH_FIELD_BYTES = 4;

    private final int frameBodyBytesMax;

    /** @param juteMaxBuffer the configured {@code jute.maxbuffer}, in bytes */
    public ClientFrameDecoder(int juteMaxBuffer) {
        super(LENGTH_FIELD_BYTES + frameBodyBytesMax(juteMaxBuffer), 0, LENGTH_FIELD_BYTES, 0, LENGTH_FIELD_BYTES);
        this.frameBodyBytesMax = frameBodyBytesMax(juteMaxBuffer);
    }

    /** The largest frame body, length prefix excluded, that this decoder accepts. */
    public static int frameBodyBytesMax(int juteMaxBuffer) {
        if (juteMaxBuffer <= 0 || juteMaxBuffer > Integer.MAX_VALUE - HEADER_ALLOWANCE_BYTES - LENGTH_FIELD_BYTES) {
            throw new IllegalArgumentException("jute.maxbuffer out of range: " + juteMaxBuffer);
        }
        return juteMaxBuffer + HEADER_ALLOWANCE_BYTES;
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buffer, int offset, int length, ByteOrder order) {
        int bodyLength = buffer.getInt(offset);
        if (bodyLength < 0 || bodyLength > frameBodyBytesMax) {
            // Nothing after a bad length can be trusted; drop it so the decoder does not retry.
            buffer.skipBytes(buffer.readableBytes());
            throw new FrameLengthException(bodyLength, frameBodyBytesMax);
        }
        return bodyLength;
    }

    /** A frame length that is negative or over the limit. */
    public static final class FrameLengthException extends CorruptedFrameException {
        private final int length;

        FrameLengthException(int length, int lengthMax) {
            super("Len error " + length + " (frame limit " + lengthMax + " bytes)");
            this.length = length;
        }

        public int length() {
            return length;
        }
    }
}
