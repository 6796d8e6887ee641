package zoolog.coord.node;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.core.CoreEffects;
import zoolog.coord.net.StorePort;
import zoolog.coord.store.CoordStore;
import zoolog.coord.store.StoreException;
import zoolog.coord.zab.DurableOp;

/**
 * Connects the core's persist/materialize effects to the RocksDB store. A store error is never
 * retried: the node is stopped, because continuing could acknowledge writes that are not durable.
 * Called on the core thread.
 */
final class StoreAdapter implements StorePort {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAdapter.class);
    private final CoordStore store;
    private final Supplier<CoordNode> node;

    StoreAdapter(CoordStore store, Supplier<CoordNode> node) {
        this.store = store;
        this.node = node;
    }

    @Override
    public void write(long token, DurableOp op) {
        try {
            store.write(token, op);
        } catch (StoreException e) {
            stop(e);
        }
    }

    @Override
    public void materialize(long zxid, List<CoreEffects.NodeWrite> nodes, List<CoreEffects.SessionWrite> sessions) {
        try {
            store.materialize(zxid, nodes, sessions);
        } catch (StoreException e) {
            stop(e);
        }
    }

    private void stop(StoreException e) {
        LOG.error("Stopping: the store refused a write: {}", e.getMessage());
        CoordNode running = node.get();
        if (running != null) {
            new Thread(running::close, "coord-fatal-stop").start();
        }
    }
}
