package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Every znode a client can see, read by walking the tree from {@code /} with getData and
 * getChildren: what the recovered server holds, to compare with a {@link WriteLedger}. A node
 * that vanishes during the walk (an ephemeral whose session just expired) is left out.
 */
record TreeSnapshot(Map<String, Znode> nodes) {

    /** A znode's data (as UTF-8, null for none) and its Stat. */
    record Znode(String data, Stat stat) {}

    /** Far above what the crash test writes; a bigger tree means a runaway load. */
    static final int NODES_MAX = 100_000;

    static TreeSnapshot read(ZooKeeper zk) throws KeeperException, InterruptedException {
        Map<String, Znode> nodes = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("/"));
        while (!pending.isEmpty()) {
            String path = pending.poll();
            try {
                Stat stat = new Stat();
                byte[] data = zk.getData(path, false, stat);
                nodes.put(path, new Znode(data == null ? null : new String(data, UTF_8), stat));
                if (nodes.size() > NODES_MAX) {
                    throw new AssertionError("more than " + NODES_MAX + " znodes");
                }
                for (String child : zk.getChildren(path, false)) {
                    pending.add(path.equals("/") ? "/" + child : path + "/" + child);
                }
            } catch (KeeperException.NoNodeException vanished) {
                nodes.remove(path);
            }
        }
        return new TreeSnapshot(nodes);
    }

    Znode get(String path) {
        return nodes.get(path);
    }
}
