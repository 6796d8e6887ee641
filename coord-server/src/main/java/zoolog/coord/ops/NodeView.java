package zoolog.coord.ops;

import java.util.HashMap;
import java.util.Map;

/**
 * A place the preparer reads node states from and records its decisions in. The pending view
 * keeps decisions until applied; an {@link Overlay} keeps a multi's decisions apart until the
 * whole multi has been checked, so a failing multi leaves no trace.
 */
interface NodeView {

    /** The node's state, or null if it does not (or will not) exist. */
    NodeState get(String path);

    void put(String path, long zxid, NodeState state);

    /** Decisions made on top of another view, published only by {@link #commit}. */
    final class Overlay implements NodeView {
        private static final NodeState DELETED = new NodeState(0, 0, 0, 0, 0, null);
        private final NodeView base;
        private final Map<String, NodeState> changes = new HashMap<>();
        private final Map<String, Long> zxids = new HashMap<>();

        Overlay(NodeView base) {
            this.base = base;
        }

        @Override
        public NodeState get(String path) {
            NodeState state = changes.get(path);
            if (state == null) {
                return base.get(path);
            }
            return state == DELETED ? null : state;
        }

        @Override
        public void put(String path, long zxid, NodeState state) {
            changes.put(path, state == null ? DELETED : state);
            zxids.put(path, zxid);
        }

        void commit() {
            changes.forEach((path, state) -> base.put(path, zxids.get(path), state == DELETED ? null : state));
        }
    }
}
