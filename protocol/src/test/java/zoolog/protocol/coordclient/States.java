package zoolog.protocol.coordclient;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A connection-state listener that records every change, for tests that wait for one with a deadline. */
final class States implements ConnectionStateListener {

    private final BlockingQueue<ConnectionState> unread = new LinkedBlockingQueue<>();
    private final List<ConnectionState> seen = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(ConnectionState state) {
        seen.add(state);
        unread.add(state);
    }

    /** Consumes changes until {@code expected} arrives; fails at the test deadline. */
    void await(ConnectionState expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Deadlines.WAIT_MILLIS);
        while (true) {
            ConnectionState state = unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (state == null) {
                fail("no " + expected + " within " + Deadlines.WAIT_MILLIS + " ms; seen " + seen);
            }
            if (state == expected) {
                return;
            }
        }
    }

    /** Every change so far, in order. */
    List<ConnectionState> seen() {
        return seen;
    }
}
