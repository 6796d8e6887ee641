package zoolog.faults.workload;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** Where the workloads keep their znodes: all under {@value #ROOT}, one parent per workload. */
public final class ZnodePaths {

    public static final String ROOT = "/faults";
    public static final String REGISTER = ROOT + "/register";
    public static final String SEQUENTIAL = ROOT + "/sequential";
    public static final String EPHEMERAL = ROOT + "/ephemeral";
    public static final String LOCK = ROOT + "/lock";

    private ZnodePaths() {
    }

    /** Creates {@code path} with {@code data} unless it exists, creating {@link #ROOT} first if needed. */
    static void ensure(ZooKeeper zk, String path, byte[] data) throws KeeperException, InterruptedException {
        if (!path.equals(ROOT)) {
            ensure(zk, path.substring(0, path.lastIndexOf('/')), new byte[0]);
        }
        try {
            zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException exists) {
            // Set up by an earlier call: the parent of several workloads, or a retried set-up.
        }
    }
}
