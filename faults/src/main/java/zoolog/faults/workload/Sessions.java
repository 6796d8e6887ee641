package zoolog.faults.workload;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * Opening sessions with the official client and the one asynchronous call the workloads need.
 * {@link #connect} returns only a connected handle, so a worker never counts the time a client
 * spends looking for a live server as an operation; {@link #sync} turns ZooKeeper's asynchronous
 * {@code sync} into a call that returns or throws. Stateless; any thread.
 */
public final class Sessions {

    /** How long a worker waits for a session before trying again (the cluster may be partitioned). */
    public static final long CONNECT_WAIT_MILLIS_MAX = 10_000;

    private Sessions() {
    }

    /**
     * A connected session, or an IOException if none came up within {@link #CONNECT_WAIT_MILLIS_MAX}.
     */
    public static ZooKeeper connect(String connectString, int sessionTimeoutMillis)
            throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMillis, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(CONNECT_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("no session with " + connectString + " within " + CONNECT_WAIT_MILLIS_MAX + " ms");
        }
        return zk;
    }

    /**
     * {@code sync(path)}: the server this session uses catches up with the leader before later reads.
     * Waits at most {@code waitMillis}; the client itself fails the call on connection loss earlier.
     */
    public static void sync(ZooKeeper zk, String path, long waitMillis) throws KeeperException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        int[] result = new int[1];
        AsyncCallback.VoidCallback callback = (rc, syncedPath, ctx) -> {
            result[0] = rc;
            done.countDown();
        };
        zk.sync(path, callback, null);
        if (!done.await(waitMillis, TimeUnit.MILLISECONDS)) {
            throw KeeperException.create(KeeperException.Code.OPERATIONTIMEOUT, path);
        }
        KeeperException.Code code = KeeperException.Code.get(result[0]);
        if (code != KeeperException.Code.OK) {
            throw KeeperException.create(code, path);
        }
    }
}
