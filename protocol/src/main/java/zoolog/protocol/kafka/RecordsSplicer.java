package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;

/**
 * Lets a response carry record bytes that the encoder never copies: zero-copy fetches. The broker
 * stands in for each file region with a token buffer of its own making; when the encoder meets a
 * RECORDS field holding a token, it writes the region's length and hands the output over, so the
 * transport can cut the frame there and splice the region in (Netty's {@code FileRegion}, i.e.
 * {@code sendfile}). Tokens are recognised by identity. Used by the thread encoding the response.
 */
public interface RecordsSplicer {

    /** The region's size if {@code records} is one of this splicer's tokens, else -1. */
    int splicedSize(ByteBuf records);

    /**
     * Called right after the region's length was written to {@code out}: everything in
     * {@code out} so far precedes the region on the wire, everything written afterwards follows it.
     */
    void splice(ByteBuf out, ByteBuf token);
}
