package zoolog.coord.kafka;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * The test's own view of the znodes Kafka writes, through the official ZooKeeper client: waits for
 * a znode to appear, and reads Kafka's JSON payloads. Waiting is event-driven: an
 * {@code exists} watch wakes the waiter, which re-checks, so a wait ends as soon as the server
 * reports the change and never later than its deadline. Used from the test thread only; the watch
 * events arrive on the client's event thread and are handed over through a bounded queue.
 */
final class Znodes implements AutoCloseable {

    /** Wake-ups only prompt a re-check, so dropping some when the queue is full loses nothing. */
    private static final int WAKE_UPS_MAX = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZooKeeper zk;

    private Znodes(ZooKeeper zk) {
        this.zk = zk;
    }

    static Znodes connect(String connectString, Duration timeout) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, EmbeddedKafkaBroker.ZOOKEEPER_SESSION_TIMEOUT_MILLIS, event -> {
            if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            fail("the ZooKeeper client did not connect to " + connectString + " within " + timeout);
        }
        return new Znodes(zk);
    }

    ZooKeeper client() {
        return zk;
    }

    /** Waits until {@code path} exists and returns its stat. */
    Stat awaitExists(String path, Duration timeout) throws KeeperException, InterruptedException {
        BlockingQueue<WatchedEvent> wakeUps = new LinkedBlockingQueue<>(WAKE_UPS_MAX);
        Watcher watcher = wakeUps::offer;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Stat stat = zk.exists(path, watcher);
            if (stat != null) {
                return stat;
            }
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return fail(path + " did not appear within " + timeout);
            }
            wakeUps.poll(leftNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Reads {@code path} as the JSON document Kafka stores in it. */
    JsonNode readJson(String path) throws KeeperException, InterruptedException, IOException {
        return JSON.readTree(zk.getData(path, false, null));
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
