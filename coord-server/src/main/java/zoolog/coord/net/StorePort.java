package zoolog.coord.net;

import java.util.List;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.protocol.txn.Txn;

/**
 * The durable store as the core's effects adapter sees it. Both calls come from the core thread in
 * the core's call order and must not block on disk: {@link #append} queues the transaction for the
 * (batched) fsync and the store later reports {@code CoreInput.Persisted}; {@link #materialize}
 * queues an unsynced write of the changed nodes and sessions.
 */
public interface StorePort {

    void append(Txn txn);

    void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions);
}
