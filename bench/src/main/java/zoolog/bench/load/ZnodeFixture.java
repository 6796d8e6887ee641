package zoolog.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * The znodes a load run works on: a fresh persistent root {@code /bench-<random>} with {@code znodes}
 * children {@code n-0000000..}, each holding a value of the workload's size, created before the run
 * and deleted after it. Creation and deletion are pipelined through one session with at most
 * {@link #IN_FLIGHT_MAX} outstanding requests. Used by the main thread of the run.
 */
final class ZnodeFixture {

    /** Enough pipelining to create thousands of fsynced znodes in seconds without flooding the server. */
    static final int IN_FLIGHT_MAX = 64;
    /** Setting up or tearing down a fixture must not hang a benchmark forever. */
    static final long COMPLETION_TIMEOUT_MILLIS = 120_000;

    private final String root;
    private final List<String> paths;

    private ZnodeFixture(String root, List<String> paths) {
        this.root = root;
        this.paths = List.copyOf(paths);
    }

    String root() {
        return root;
    }

    /** Child paths in creation order. */
    List<String> paths() {
        return paths;
    }

    /** Creates {@code root} and its children, or fails with a one-line reason. */
    static ZnodeFixture create(ZooKeeper zookeeper, String root, int znodes, byte[] value)
            throws LoadFailure, InterruptedException {
        try {
            zookeeper.create(root, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException failed) {
            throw new LoadFailure("could not create the run's root " + root + ": " + failed.code());
        }
        List<String> paths = new ArrayList<>(znodes);
        for (int i = 0; i < znodes; i++) {
            paths.add(String.format("%s/n-%07d", root, i));
        }
        Pipeline pipeline = new Pipeline();
        for (String path : paths) {
            if (!pipeline.acquire()) {
                break;
            }
            zookeeper.create(path, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    (resultCode, p, context, name) -> pipeline.complete(resultCode), null);
        }
        Map<String, Long> errors = pipeline.awaitAll();
        if (!errors.isEmpty()) {
            throw new LoadFailure("could not create the znodes under " + root + ": " + errors);
        }
        return new ZnodeFixture(root, paths);
    }

    /** Deletes the children and the root; returns the errors seen, empty when all went. */
    Map<String, Long> delete(ZooKeeper zookeeper) throws InterruptedException {
        Pipeline pipeline = new Pipeline();
        for (String path : paths) {
            if (!pipeline.acquire()) {
                break;
            }
            zookeeper.delete(path, -1, (resultCode, p, context) -> pipeline.complete(resultCode), null);
        }
        Map<String, Long> errors = pipeline.awaitAll();
        if (errors.isEmpty() && pipeline.acquire()) {
            zookeeper.delete(root, -1, (resultCode, p, context) -> pipeline.complete(resultCode), null);
            errors = pipeline.awaitAll();
        }
        return errors;
    }

    /**
     * A bounded window of outstanding requests and the error codes they came back with. Once a
     * permit has not come back within the timeout the server is taken to be stuck: the pipeline
     * records {@code TIMEOUT} and stops waiting.
     */
    private static final class Pipeline {
        private final Semaphore permits = new Semaphore(IN_FLIGHT_MAX);
        private final Map<String, Long> errors = new TreeMap<>();
        private volatile boolean stuck;

        /** Takes a slot for one more request; false if none freed up in time. */
        boolean acquire() throws InterruptedException {
            if (permits.tryAcquire(COMPLETION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
            stuck = true;
            return false;
        }

        void complete(int resultCode) {
            if (resultCode != KeeperException.Code.OK.intValue()) {
                synchronized (errors) {
                    errors.merge(String.valueOf(KeeperException.Code.get(resultCode)), 1L, Long::sum);
                }
            }
            permits.release();
        }

        Map<String, Long> awaitAll() throws InterruptedException {
            long waitMillis = stuck ? 0 : COMPLETION_TIMEOUT_MILLIS;
            boolean done = permits.tryAcquire(IN_FLIGHT_MAX, waitMillis, TimeUnit.MILLISECONDS);
            synchronized (errors) {
                if (!done) {
                    errors.merge("TIMEOUT", (long) (IN_FLIGHT_MAX - permits.availablePermits()), Long::sum);
                } else {
                    permits.release(IN_FLIGHT_MAX);
                }
                return new TreeMap<>(errors);
            }
        }
    }
}
