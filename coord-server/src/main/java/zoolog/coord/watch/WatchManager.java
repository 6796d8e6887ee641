package zoolog.coord.watch;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.coord.tree.PathRules;
import zoolog.protocol.zk.Watches;

/**
 * Who watches what, and who must hear about a change. Four tables keyed by path, each holding
 * connection ids: one-shot data watches (getData/exists), one-shot child watches (getChildren),
 * persistent watches (addWatch mode 0: data and child events at that path) and
 * persistent-recursive ones (addWatch mode 1: data events at the path and every descendant, never
 * child events). One-shot entries are removed when they fire; a connection gets at most one event
 * per change. Pure and owned by the core thread; watches die with their connection.
 */
public final class WatchManager {

    /** Receives the events a change fires. */
    public interface EventSink {
        void event(long connectionId, int eventType, String path);
    }

    private final Table data = new Table();
    private final Table child = new Table();
    private final Table persistent = new Table();
    private final Table recursive = new Table();

    public void addDataWatch(String path, long connectionId) {
        data.add(path, connectionId);
    }

    public void addChildWatch(String path, long connectionId) {
        child.add(path, connectionId);
    }

    public void addPersistentWatch(String path, long connectionId, boolean isRecursive) {
        (isRecursive ? recursive : persistent).add(path, connectionId);
    }

    // ---------------------------------------------------------------- triggers

    public void nodeCreated(String path, EventSink sink) {
        fire(path, Watches.EVENT_NODE_CREATED, false, sink);
    }

    public void dataChanged(String path, EventSink sink) {
        fire(path, Watches.EVENT_NODE_DATA_CHANGED, false, sink);
    }

    public void nodeDeleted(String path, EventSink sink) {
        fire(path, Watches.EVENT_NODE_DELETED, true, sink);
    }

    public void childrenChanged(String parentPath, EventSink sink) {
        Set<Long> notified = new HashSet<>();
        child.fireOnce(parentPath, notified);
        persistent.fireKeep(parentPath, notified);
        for (long connectionId : notified) {
            sink.event(connectionId, Watches.EVENT_NODE_CHILDREN_CHANGED, parentPath);
        }
    }

    private void fire(String path, int eventType, boolean alsoChildTable, EventSink sink) {
        Set<Long> notified = new HashSet<>();
        data.fireOnce(path, notified);
        if (alsoChildTable) {
            child.fireOnce(path, notified);
        }
        persistent.fireKeep(path, notified);
        if (!recursive.isEmpty()) {
            String p = path;
            while (true) {
                recursive.fireKeep(p, notified);
                if (p.equals(PathRules.ROOT)) {
                    break;
                }
                p = PathRules.parent(p);
            }
        }
        for (long connectionId : notified) {
            sink.event(connectionId, eventType, path);
        }
    }

    // ---------------------------------------------------------------- checkWatches / removeWatches

    /** Whether the connection has a watch of {@code watcherType} (Watches.TYPE_*) at the path. */
    public boolean has(String path, long connectionId, int watcherType) {
        for (Table table : tablesFor(watcherType)) {
            if (table.contains(path, connectionId)) {
                return true;
            }
        }
        return false;
    }

    /** Removes the connection's watches of that type at the path; false if there were none. */
    public boolean remove(String path, long connectionId, int watcherType) {
        boolean removed = false;
        for (Table table : tablesFor(watcherType)) {
            removed |= table.remove(path, connectionId);
        }
        return removed;
    }

    private List<Table> tablesFor(int watcherType) {
        return switch (watcherType) {
            case Watches.TYPE_CHILDREN -> List.of(child);
            case Watches.TYPE_DATA -> List.of(data);
            case Watches.TYPE_PERSISTENT -> List.of(persistent);
            case Watches.TYPE_PERSISTENT_RECURSIVE -> List.of(recursive);
            default -> List.of(data, child, persistent, recursive);
        };
    }

    /** Drops every watch a connection holds (it disconnected; the client re-registers on reconnect). */
    public void removeConnection(long connectionId) {
        data.removeConnection(connectionId);
        child.removeConnection(connectionId);
        persistent.removeConnection(connectionId);
        recursive.removeConnection(connectionId);
    }

    // ---------------------------------------------------------------- inspection (4lw)

    /**
     * Registrations as ZooKeeper's zk_watch_count counts them: its data table holds data,
     * persistent and recursive watches, its child table child and persistent ones.
     */
    public int watchCount() {
        return data.size() + child.size() + 2 * persistent.size() + recursive.size();
    }

    /**
     * The inspection methods below describe ZooKeeper's data-watch table (data, persistent and
     * recursive watches), which is what its wchs, wchc and wchp commands print.
     */
    public int watchedPathCount() {
        Set<String> paths = new HashSet<>();
        for (Table table : dataTables()) {
            paths.addAll(table.byPath.keySet());
        }
        return paths.size();
    }

    public Map<Long, Set<String>> pathsByConnection() {
        Map<Long, Set<String>> result = new HashMap<>();
        for (Table table : dataTables()) {
            table.byConnection.forEach((id, paths) -> result.computeIfAbsent(id, k -> new HashSet<>()).addAll(paths));
        }
        return result;
    }

    public Map<String, Set<Long>> connectionsByPath() {
        Map<String, Set<Long>> result = new HashMap<>();
        for (Table table : dataTables()) {
            table.byPath.forEach((path, ids) -> result.computeIfAbsent(path, k -> new HashSet<>()).addAll(ids));
        }
        return result;
    }

    private List<Table> dataTables() {
        return List.of(data, persistent, recursive);
    }

    /** One watch table: path → connections, with the reverse index for cheap disconnects. */
    private static final class Table {
        final Map<String, Set<Long>> byPath = new HashMap<>();
        final Map<Long, Set<String>> byConnection = new HashMap<>();
        int size;

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        void add(String path, long connectionId) {
            if (byPath.computeIfAbsent(path, k -> new HashSet<>(2)).add(connectionId)) {
                byConnection.computeIfAbsent(connectionId, k -> new HashSet<>()).add(path);
                size++;
            }
        }

        boolean contains(String path, long connectionId) {
            return byPath.getOrDefault(path, Collections.emptySet()).contains(connectionId);
        }

        boolean remove(String path, long connectionId) {
            Set<Long> ids = byPath.get(path);
            if (ids == null || !ids.remove(connectionId)) {
                return false;
            }
            if (ids.isEmpty()) {
                byPath.remove(path);
            }
            Set<String> paths = byConnection.get(connectionId);
            paths.remove(path);
            if (paths.isEmpty()) {
                byConnection.remove(connectionId);
            }
            size--;
            return true;
        }

        void fireOnce(String path, Set<Long> notified) {
            Set<Long> ids = byPath.remove(path);
            if (ids == null) {
                return;
            }
            for (long id : ids) {
                Set<String> paths = byConnection.get(id);
                paths.remove(path);
                if (paths.isEmpty()) {
                    byConnection.remove(id);
                }
            }
            size -= ids.size();
            notified.addAll(ids);
        }

        void fireKeep(String path, Set<Long> notified) {
            Set<Long> ids = byPath.get(path);
            if (ids != null) {
                notified.addAll(ids);
            }
        }

        void removeConnection(long connectionId) {
            Set<String> paths = byConnection.remove(connectionId);
            if (paths == null) {
                return;
            }
            for (String path : paths) {
                Set<Long> ids = byPath.get(path);
                ids.remove(connectionId);
                if (ids.isEmpty()) {
                    byPath.remove(path);
                }
            }
            size -= paths.size();
        }
    }
}
