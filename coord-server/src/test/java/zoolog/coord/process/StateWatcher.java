package zoolog.coord.process;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

/**
 * A default watcher that queues the connection states an official client goes through
 * (SyncConnected, Disconnected, Expired, ...) and every node event, so a test can wait for the
 * next one with a deadline. Written by the client's event thread, read by the test thread.
 */
final class StateWatcher implements Watcher {

    /** How long a test waits for a connection state or a node event. */
    static final long WAIT_SECONDS_MAX = 30;
    /** Bounded so a runaway watch fails the test instead of filling the heap. */
    private static final int EVENTS_MAX = 100_000;

    private final BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>(EVENTS_MAX);
    private final List<KeeperState> states = new ArrayList<>();

    /** A new client session over {@code connectString}, returned once it is connected. */
    static ZooKeeper connect(String connectString, int sessionTimeoutMillis, StateWatcher watcher)
            throws IOException, InterruptedException {
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMillis, watcher);
        try {
            watcher.awaitState(KeeperState.SyncConnected);
        } catch (AssertionError e) {
            zk.close();
            throw e;
        }
        return zk;
    }

    @Override
    public void process(WatchedEvent event) {
        if (event.getType() == EventType.None) {
            synchronized (states) {
                states.add(event.getState());
            }
        }
        if (!events.offer(event)) {
            throw new IllegalStateException("more than " + EVENTS_MAX + " unconsumed events");
        }
    }

    /** Skips events until the connection reaches {@code state}; fails on Expired or after the deadline. */
    void awaitState(KeeperState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
        while (true) {
            WatchedEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(event, "connection did not reach " + state + " within " + WAIT_SECONDS_MAX + " s");
            if (event.getType() != EventType.None) {
                continue;
            }
            if (event.getState() == state) {
                return;
            }
            if (event.getState() == KeeperState.Expired || event.getState() == KeeperState.AuthFailed) {
                fail("connection reached " + event.getState() + " while waiting for " + state);
            }
        }
    }

    /** The next node event (connection states skipped), or null after the deadline. */
    WatchedEvent nextNodeEvent(long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            WatchedEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.getType() != EventType.None) {
                return event;
            }
        }
    }

    /** Every connection state seen so far, in order. */
    List<KeeperState> states() {
        synchronized (states) {
            return List.copyOf(states);
        }
    }
}
