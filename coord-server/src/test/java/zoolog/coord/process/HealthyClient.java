package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * A well-behaved official client that keeps writing and reading on its own thread while a test
 * throws bad input at the same server: it creates numbered znodes, bumps a counter with
 * conditional setData and reads back what it wrote. Any failed operation or any connection state
 * other than SyncConnected is remembered; the test thread checks progress between cases and the
 * whole tree at the end.
 */
final class HealthyClient implements AutoCloseable {

    static final String ROOT = "/healthy";
    static final String COUNTER = ROOT + "-counter";
    /** Numbered znodes created at most; after that the client only sets and reads. */
    private static final int CREATES_MAX = 2_000;
    private static final int SESSION_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_WAIT_SECONDS_MAX = 30;

    private final String connectString;
    private final StateWatcher watcher = new StateWatcher();
    private final ZooKeeper zk;
    private final Thread thread;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> created = new HashSet<>();
    private volatile boolean stopped;
    /** Guarded by this. */
    private long operations;
    /** Written by the client thread only, read after it stopped. */
    private int counterVersion;

    private HealthyClient(String connectString) throws Exception {
        this.connectString = connectString;
        this.zk = StateWatcher.connect(connectString, SESSION_TIMEOUT_MILLIS, watcher);
        zk.create(ROOT, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        zk.create(COUNTER, "0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        this.thread = new Thread(this::run, "healthy-client");
        this.thread.setDaemon(true);
    }

    static HealthyClient start(String connectString) throws Exception {
        HealthyClient client = new HealthyClient(connectString);
        client.thread.start();
        return client;
    }

    private void run() {
        for (int i = 0; !stopped; i++) {
            try {
                step(i);
                synchronized (this) {
                    operations++;
                    notifyAll();
                }
            } catch (Exception | AssertionError e) {
                synchronized (this) {
                    failures.add("operation " + i + ": " + e);
                    notifyAll();
                }
                return;
            }
        }
    }

    private void step(int i) throws Exception {
        if (i < CREATES_MAX) {
            String path = ROOT + "/n-" + i;
            zk.create(path, ("v-" + i).getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            created.add(path);
            assertArrayEquals(("v-" + i).getBytes(UTF_8), zk.getData(path, false, null), path);
        }
        Stat stat = zk.setData(COUNTER, Integer.toString(counterVersion + 1).getBytes(UTF_8), counterVersion);
        counterVersion = stat.getVersion();
        assertEquals(counterVersion + "", new String(zk.getData(COUNTER, false, null), UTF_8));
    }

    long sessionId() {
        return zk.getSessionId();
    }

    /**
     * Waits until the client has completed {@code more} further operations, and checks that none
     * failed and the connection never dropped.
     */
    void awaitProgress(long more) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StateWatcher.WAIT_SECONDS_MAX);
        synchronized (this) {
            long target = operations + more;
            while (operations < target && failures.isEmpty()) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "the healthy client made only " + (operations - target + more) + " of " + more
                        + " operations in " + StateWatcher.WAIT_SECONDS_MAX + " s");
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            assertEquals(List.of(), failures, "the healthy client's operations failed");
        }
        assertEquals(List.of(KeeperState.SyncConnected), watcher.states(), "the healthy client's connection");
    }

    /** Stops the client and checks, from a fresh session, that everything it wrote is there as written. */
    void stopAndVerify() throws Exception {
        stopped = true;
        thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS_MAX));
        assertTrue(!thread.isAlive(), "the healthy client did not stop");
        synchronized (this) {
            assertEquals(List.of(), failures, "the healthy client's operations failed");
        }
        ZooKeeper reader = StateWatcher.connect(connectString, SESSION_TIMEOUT_MILLIS, new StateWatcher());
        try {
            Set<String> children = new HashSet<>();
            for (String child : reader.getChildren(ROOT, false)) {
                children.add(ROOT + "/" + child);
            }
            assertEquals(created, children, "the healthy client's znodes");
            for (String path : created) {
                String index = path.substring(path.lastIndexOf('-') + 1);
                assertArrayEquals(("v-" + index).getBytes(UTF_8), reader.getData(path, false, null), path);
            }
            Stat stat = new Stat();
            byte[] counter = reader.getData(COUNTER, false, stat);
            assertEquals(counterVersion, stat.getVersion(), "the counter's version");
            assertEquals(Integer.toString(counterVersion), new String(counter, UTF_8), "the counter");
        } finally {
            reader.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        zk.close();
    }
}
