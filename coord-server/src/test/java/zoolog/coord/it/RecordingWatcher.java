package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;

/**
 * A watcher that queues every event it receives, for tests to take in order. The client's single
 * event thread calls {@link #process}; the test thread takes. Connection-state events
 * (type None) and node events share the queue, so helpers that wait for one kind skip the other.
 */
public final class RecordingWatcher implements Watcher {

    /** Bounded so a runaway watch fails the test instead of filling the heap. */
    public static final int EVENTS_MAX = 10_000;
    public static final long WAIT_SECONDS = 20;

    private final BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>(EVENTS_MAX);

    @Override
    public void process(WatchedEvent event) {
        if (!events.offer(event)) {
            throw new IllegalStateException("more than " + EVENTS_MAX + " unconsumed watch events");
        }
    }

    /** The next event of any kind; fails after {@value #WAIT_SECONDS} s. */
    public WatchedEvent next() throws InterruptedException {
        WatchedEvent event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "no watch event within " + WAIT_SECONDS + " s");
        return event;
    }

    /** The next node event (connection-state events are skipped), which must match type and path. */
    public WatchedEvent nextNodeEvent(EventType type, String path) throws InterruptedException {
        WatchedEvent event = nextNodeEvent();
        assertEquals(type + " " + path, event.getType() + " " + event.getPath(), "unexpected event " + event);
        return event;
    }

    /** The next node event, skipping connection-state events. */
    public WatchedEvent nextNodeEvent() throws InterruptedException {
        while (true) {
            WatchedEvent event = next();
            if (event.getType() != EventType.None) {
                return event;
            }
        }
    }

    /** Skips events until the connection reaches {@code state}; fails after {@value #WAIT_SECONDS} s. */
    public void awaitState(KeeperState state) throws InterruptedException {
        while (true) {
            WatchedEvent event = next();
            if (event.getType() == EventType.None && event.getState() == state) {
                return;
            }
        }
    }

    /** Removes and returns everything queued so far, without waiting. */
    public List<WatchedEvent> drain() {
        List<WatchedEvent> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    /** Node events queued so far (connection-state events dropped), without waiting. */
    public List<WatchedEvent> drainNodeEvents() {
        return drain().stream().filter(event -> event.getType() != EventType.None).toList();
    }
}
