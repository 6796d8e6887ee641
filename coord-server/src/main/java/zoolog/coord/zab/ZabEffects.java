package zoolog.coord.zab;

import zoolog.protocol.peer.PeerMessage;

/**
 * What the replication core asks its adapters to do, called on the core thread; implementations
 * only record or enqueue. Messages to one peer must be delivered in call order or not at all: a
 * broken link is reported back as {@code PeerDown}, after which nothing more from that link
 * arrives until the peer speaks again.
 */
public interface ZabEffects {

    void send(int sid, PeerMessage message);

    /** Make {@code op} durable after every earlier op, then report {@code Durable(token)}. */
    void persist(long token, DurableOp op);

    /** This member cannot take part safely (for example, its data belongs to another ensemble). */
    void fatal(String reason);
}
