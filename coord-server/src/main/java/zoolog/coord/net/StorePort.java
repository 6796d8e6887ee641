package zoolog.coord.net;

import java.util.List;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;

/**
 * The durable store as the core's effects adapter sees it. Both calls come from the core thread in
 * the core's call order and must not block on disk: {@link #write} queues the op for the
 * (batched) fsync and the store later reports its token as {@code CoreInput.Durable}; {@link #materialize}
 * queues an unsynced write of the changed nodes and sessions.
 */
public interface StorePort {

    void write(long token, DurableOp op);

    void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions);
}
