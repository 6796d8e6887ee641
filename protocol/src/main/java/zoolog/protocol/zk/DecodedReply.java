package zoolog.protocol.zk;

/**
 * A server frame after {@link ZkCodec#decodeReply}: the ReplyHeader and, when {@code err} is 0,
 * the body (an {@link ZkResponse.Empty} for replies without one). {@code body} is null when
 * {@code err} is non-zero, because the server then sends the header alone.
 */
public record DecodedReply(int xid, long zxid, int err, ZkResponse body) {
}
