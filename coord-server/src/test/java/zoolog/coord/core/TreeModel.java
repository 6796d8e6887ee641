package zoolog.coord.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import zoolog.protocol.zk.ErrorCode;

/**
 * A deliberately naive reference model of ZooKeeper's tree semantics for model-based tests:
 * a map of path to node, no indexes, no pipelining, every rule written out directly.
 */
final class TreeModel {

    static final class Node {
        String data;
        int version;
        int storedCversion;
        int slotOwner = -1;
        final TreeSet<String> children = new TreeSet<>();

        Node copy() {
            Node n = new Node();
            n.data = data;
            n.version = version;
            n.storedCversion = storedCversion;
            n.slotOwner = slotOwner;
            n.children.addAll(children);
            return n;
        }
    }

    /** An op result: an error code, and for creates the created path. */
    record Result(int err, String path) {}

    Map<String, Node> nodes = new HashMap<>();

    TreeModel() {
        nodes.put("/", new Node());
        nodes.put("/zookeeper", new Node());
        nodes.get("/").children.add("zookeeper");
        nodes.put("/zookeeper/quota", new Node());
        nodes.put("/zookeeper/config", new Node());
        nodes.get("/zookeeper").children.addAll(List.of("quota", "config"));
    }

    TreeModel copy() {
        TreeModel m = new TreeModel();
        m.nodes = new HashMap<>();
        nodes.forEach((p, n) -> m.nodes.put(p, n.copy()));
        return m;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    Result create(String path, String data, boolean ephemeral, boolean sequential, int slot) {
        Node parent = nodes.get(parent(path));
        if (parent == null) {
            return new Result(ErrorCode.NO_NODE.code(), null);
        }
        String actual = sequential ? path + String.format("%010d", parent.storedCversion) : path;
        if (nodes.containsKey(actual)) {
            return new Result(ErrorCode.NODE_EXISTS.code(), null);
        }
        if (parent.slotOwner >= 0) {
            return new Result(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS.code(), null);
        }
        Node node = new Node();
        node.data = data;
        node.slotOwner = ephemeral ? slot : -1;
        nodes.put(actual, node);
        parent.children.add(name(actual));
        parent.storedCversion++;
        return new Result(0, actual);
    }

    Result setData(String path, String data, int version) {
        Node node = nodes.get(path);
        if (node == null) {
            return new Result(ErrorCode.NO_NODE.code(), null);
        }
        if (version != -1 && version != node.version) {
            return new Result(ErrorCode.BAD_VERSION.code(), null);
        }
        node.data = data;
        node.version++;
        return new Result(0, null);
    }

    Result delete(String path, int version) {
        Node node = nodes.get(path);
        if (node == null || !nodes.containsKey(parent(path))) {
            return new Result(ErrorCode.NO_NODE.code(), null);
        }
        if (version != -1 && version != node.version) {
            return new Result(ErrorCode.BAD_VERSION.code(), null);
        }
        if (!node.children.isEmpty()) {
            return new Result(ErrorCode.NOT_EMPTY.code(), null);
        }
        nodes.remove(path);
        nodes.get(parent(path)).children.remove(name(path));
        return new Result(0, null);
    }

    Result check(String path, int version) {
        Node node = nodes.get(path);
        if (node == null) {
            return new Result(ErrorCode.NO_NODE.code(), null);
        }
        return new Result(version != -1 && version != node.version ? ErrorCode.BAD_VERSION.code() : 0, null);
    }

    void closeSession(int slot) {
        for (String path : new ArrayList<>(nodes.keySet())) {
            Node node = nodes.get(path);
            if (node != null && node.slotOwner == slot) {
                delete(path, -1);
            }
        }
    }
}
