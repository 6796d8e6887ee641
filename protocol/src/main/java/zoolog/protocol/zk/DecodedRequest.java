package zoolog.protocol.zk;

/**
 * A client frame after {@link ZkCodec#decodeRequest}: the RequestHeader's xid and opcode, and the
 * body. {@code request} is null when the opcode is not one a client may send on its own, so the
 * server can answer {@code ReplyHeader(xid, zxid, UNIMPLEMENTED)} as ZooKeeper does.
 */
public record DecodedRequest(int xid, int opCode, ZkRequest request) {
}
