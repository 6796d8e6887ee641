package zoolog.coord.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.StoredNodes;
import zoolog.coord.tree.TreeListener;
import zoolog.coord.tree.Znode;
import zoolog.coord.watch.WatchManager;
import zoolog.protocol.zk.Stat;

/**
 * Listens to one transaction being applied: fires the watches each change triggers (so events
 * go out before the reply), remembers each changed node's Stat right after its change (for
 * multi results), and collects the paths the store must rewrite. Lives for one apply.
 */
final class MaterializingListener implements TreeListener {
    private final DataTree tree;
    private final WatchManager watches;
    private final WatchManager.EventSink events;
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Stat> statAfterChange = new HashMap<>();

    MaterializingListener(DataTree tree, WatchManager watches, WatchManager.EventSink events) {
        this.tree = tree;
        this.watches = watches;
        this.events = events;
    }

    @Override
    public void nodeCreated(String path) {
        dirty.add(path);
        statAfterChange.put(path, tree.get(path).stat());
        watches.nodeCreated(path, events);
    }

    @Override
    public void nodeDeleted(String path) {
        dirty.add(path);
        watches.nodeDeleted(path, events);
    }

    @Override
    public void dataChanged(String path) {
        dirty.add(path);
        statAfterChange.put(path, tree.get(path).stat());
        watches.dataChanged(path, events);
    }

    @Override
    public void childrenChanged(String parentPath) {
        dirty.add(parentPath);
        watches.childrenChanged(parentPath, events);
    }

    @Override
    public void nodeTouched(String path) {
        dirty.add(path);
        statAfterChange.put(path, tree.get(path).stat());
    }

    /** The Stat a node had right after this transaction last changed it. */
    Stat statAfterChange(String path) {
        Stat stat = statAfterChange.get(path);
        return stat != null ? stat : tree.get(path).stat();
    }

    List<CoreEffects.NodeWrite> nodeWrites() {
        List<CoreEffects.NodeWrite> writes = new ArrayList<>(dirty.size());
        for (String path : dirty) {
            Znode node = tree.get(path);
            writes.add(new CoreEffects.NodeWrite(path, node == null ? null : StoredNodes.toStored(node)));
        }
        return writes;
    }
}
