package zoolog.coord.ops;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.Znode;

/**
 * The tree as it will be once every prepared transaction is applied: the applied tree overlaid
 * with the changes of transactions still waiting for durability (ZooKeeper's outstanding
 * changes). Writes are prepared against this view, so pipelined writes see each other's effects
 * (a sequential create after another gets the next number). Owned by the core thread.
 */
final class PendingChanges implements NodeView {

    /** A prepared change to one path; {@code state} null means the node will not exist. */
    private record Change(String path, long zxid, NodeState state) {}

    private static final Change ABSENT = new Change("", 0, null);

    private final DataTree tree;
    private final Map<String, Change> latestByPath = new HashMap<>();
    private final ArrayDeque<Change> inZxidOrder = new ArrayDeque<>();

    PendingChanges(DataTree tree) {
        this.tree = tree;
    }

    @Override
    public NodeState get(String path) {
        Change change = latestByPath.getOrDefault(path, ABSENT);
        if (change != ABSENT) {
            return change.state;
        }
        Znode node = tree.get(path);
        return node == null ? null : NodeState.of(node);
    }

    @Override
    public void put(String path, long zxid, NodeState state) {
        Change change = new Change(path, zxid, state);
        latestByPath.put(path, change);
        inZxidOrder.addLast(change);
    }

    /** The tree has applied everything up to {@code zxid}: those changes are now in the tree itself. */
    void appliedUpTo(long zxid) {
        while (!inZxidOrder.isEmpty() && inZxidOrder.peekFirst().zxid <= zxid) {
            Change change = inZxidOrder.pollFirst();
            if (latestByPath.get(change.path) == change) {
                latestByPath.remove(change.path);
            }
        }
    }

    void clear() {
        latestByPath.clear();
        inZxidOrder.clear();
    }

    int size() {
        return inZxidOrder.size();
    }
}
