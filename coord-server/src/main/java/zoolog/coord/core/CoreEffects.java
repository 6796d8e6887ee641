package zoolog.coord.core;

import java.util.List;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkResponse;

/**
 * What the coordination core asks its adapters to do. The core calls these on its own thread
 * while handling one input; an implementation only records or enqueues, it never blocks.
 *
 * <p>Order the adapter owes the core: everything sent to one connection goes out in call order
 * (that is what puts a watch event before the reply that reveals the change), {@link #persist}
 * calls are made durable in call order and reported back as {@code CoreInput.Durable}, and
 * {@link #materialize} writes may be lazy but must reach the store in call order.
 */
public interface CoreEffects {

    void sendConnectResponse(long connectionId, ConnectResponse response);

    /** A reply; {@code body} is null when {@code err} is non-zero (errors carry no body). */
    void sendReply(long connectionId, int xid, long zxid, int err, ZkResponse body);

    void sendNotification(long connectionId, long zxid, WatcherEvent event);

    /** Close after everything already sent to this connection has been written. */
    void closeConnection(long connectionId);

    /**
     * Make {@code op} durable after every earlier op; the adapter fsyncs (batched) and reports
     * {@code Durable} with this {@code token} or a later one. Tokens increase with every call.
     */
    void persist(long token, DurableOp op);

    /**
     * The materialised state after applying the transaction {@code zxid}: nodes and sessions that
     * changed (a null value means deleted). The store writes them without fsync; after a crash it
     * replays the log from the last materialised zxid.
     */
    void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions);

    record NodeWrite(String path, StoredNode node) {}

    record SessionWrite(long sessionId, StoredSession session) {}
}
