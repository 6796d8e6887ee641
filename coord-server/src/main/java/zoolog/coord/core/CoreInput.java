package zoolog.coord.core;

import zoolog.protocol.peer.PeerMessage;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ZkRequest;

/**
 * Everything that can happen to the coordination core. The network adapter turns decoded frames
 * into these, the store reports durability as {@link Durable}, and a timer sends {@link Tick}s.
 * Connections are plain ids chosen by the adapter; the core never sees a socket.
 */
public sealed interface CoreInput {

    /** A client connection's first frame. {@code remoteHost} becomes the connection's ip identity. */
    record Connect(long connectionId, String remoteHost, int remotePort, ConnectRequest request) implements CoreInput {}

    /** A frame after the handshake: header fields and the decoded body. */
    record Request(long connectionId, int xid, ZkRequest request) implements CoreInput {}

    /** A request whose opcode this server does not know: answered UNIMPLEMENTED, then the connection closes. */
    record UnknownRequest(long connectionId, int xid, int opCode) implements CoreInput {}

    /** The connection went away (client closed, network error, or bad input). */
    record Disconnected(long connectionId) implements CoreInput {}

    /** Periodic clock input: drives session expiry and container/TTL cleanup. */
    record Tick() implements CoreInput {}

    /** Every op handed to {@code CoreEffects.persist} with a token up to and including {@code token} is durable. */
    record Durable(long token) implements CoreInput {}

    /** A message from ensemble member {@code sid}, in the order that member sent it. */
    record FromPeer(int sid, PeerMessage message) implements CoreInput {}

    /** The link with ensemble member {@code sid} broke; messages may have been lost. */
    record PeerDown(int sid) implements CoreInput {}
}
