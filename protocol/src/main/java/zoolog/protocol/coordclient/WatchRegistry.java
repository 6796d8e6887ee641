package zoolog.protocol.coordclient;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkRequest;

/**
 * The client's side of ZooKeeper's one-shot watches: which listeners wait on which path, in the
 * server's three tables (data, exist, child). A watch is registered when the reply that set it
 * arrives and removed when its notification fires; after a reconnect the whole table is sent
 * again as setWatches, so the new server fires what changed while the client was away. Owned by
 * the I/O thread.
 */
final class WatchRegistry {

    /**
     * Path bytes per setWatches request. A large watch set is split so no frame comes near the
     * server's jute.maxbuffer (1 MiB by default); ZooKeeper's own client splits at 128 KiB too.
     */
    static final int SET_WATCHES_PATH_BYTES_MAX = 128 * 1024;

    /** Which request set the watch; exists sets a data watch on a node and an exist watch on a missing one. */
    enum Kind { DATA, EXISTS, CHILDREN }

    private final Map<String, Set<WatchListener>> data = new HashMap<>();
    private final Map<String, Set<WatchListener>> exist = new HashMap<>();
    private final Map<String, Set<WatchListener>> child = new HashMap<>();

    /** Registers a watch the way the server did on a reply with {@code err}; nothing if it set none. */
    void register(Kind kind, String path, WatchListener listener, int err) {
        Map<String, Set<WatchListener>> table = switch (kind) {
            case DATA -> err == 0 ? data : null;
            case EXISTS -> err == 0 ? data : err == ErrorCode.NO_NODE.code() ? exist : null;
            case CHILDREN -> err == 0 ? child : null;
        };
        if (table != null) {
            table.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(listener);
        }
    }

    /** Removes and returns the listeners an event fires, each once (ZooKeeper's ZKWatchManager rules). */
    Set<WatchListener> trigger(WatchEvent.Type type, String path) {
        Set<WatchListener> fired = new LinkedHashSet<>();
        switch (type) {
            case NODE_CREATED, NODE_DATA_CHANGED -> {
                addRemoved(fired, data, path);
                addRemoved(fired, exist, path);
            }
            case NODE_DELETED -> {
                addRemoved(fired, data, path);
                addRemoved(fired, exist, path);
                addRemoved(fired, child, path);
            }
            case NODE_CHILDREN_CHANGED -> addRemoved(fired, child, path);
        }
        return fired;
    }

    boolean isEmpty() {
        return data.isEmpty() && exist.isEmpty() && child.isEmpty();
    }

    void clear() {
        data.clear();
        exist.clear();
        child.clear();
    }

    /**
     * The setWatches requests that re-register every watch on a new connection, relative to the
     * last zxid the client saw. Plain setWatches (101) suffices because this client sets no
     * persistent watches, and every server since ZooKeeper 3.0 understands it.
     */
    List<ZkRequest.SetWatches> setWatches(long relativeZxid) {
        List<ZkRequest.SetWatches> requests = new ArrayList<>();
        List<List<String>> chunk = emptyChunk();
        int chunkBytes = 0;
        List<Map<String, Set<WatchListener>>> tables = List.of(data, exist, child);
        for (int table = 0; table < tables.size(); table++) {
            for (String path : tables.get(table).keySet()) {
                int pathBytes = path.getBytes(StandardCharsets.UTF_8).length;
                if (chunkBytes > 0 && chunkBytes + pathBytes > SET_WATCHES_PATH_BYTES_MAX) {
                    requests.add(toRequest(relativeZxid, chunk));
                    chunk = emptyChunk();
                    chunkBytes = 0;
                }
                chunk.get(table).add(path);
                chunkBytes += pathBytes;
            }
        }
        if (chunk.stream().anyMatch(paths -> !paths.isEmpty())) {
            requests.add(toRequest(relativeZxid, chunk));
        }
        return requests;
    }

    private static List<List<String>> emptyChunk() {
        return List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    private static ZkRequest.SetWatches toRequest(long relativeZxid, List<List<String>> chunk) {
        return new ZkRequest.SetWatches(OpCode.SET_WATCHES, relativeZxid, chunk.get(0), chunk.get(1), chunk.get(2),
                List.of(), List.of());
    }

    private static void addRemoved(Set<WatchListener> fired, Map<String, Set<WatchListener>> table, String path) {
        Set<WatchListener> listeners = table.remove(path);
        if (listeners != null) {
            fired.addAll(listeners);
        }
    }
}
