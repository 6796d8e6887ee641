package zoolog.protocol.coordclient;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A watch listener that records what fired, for tests that wait for events with a deadline. */
final class Events implements WatchListener {

    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void onWatch(WatchEvent event) {
        count.incrementAndGet();
        events.add(event);
    }

    /** The next event, waiting up to the test deadline. */
    WatchEvent next() throws InterruptedException {
        WatchEvent event = events.poll(Deadlines.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(event, "no watch event within " + Deadlines.WAIT_MILLIS + " ms");
        return event;
    }

    /** How many times this listener fired so far. */
    int count() {
        return count.get();
    }
}
