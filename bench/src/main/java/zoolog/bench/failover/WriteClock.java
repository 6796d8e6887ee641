package zoolog.bench.failover;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Finds the first write acknowledged among those issued after a mark, such as the moment the leader
 * was killed. A write issued after the kill can only succeed once the survivors have elected a new
 * leader and the client has reached it, so the first such acknowledgement ends the outage. Writes
 * issued before the mark do not count even if their answer comes later: the old leader may have
 * committed them just before it died. Times are {@link System#nanoTime} values. Writer threads call
 * {@link #acknowledged}; the runner's main thread calls {@link #mark} and {@link #awaitFirstAck}.
 */
final class WriteClock {

    private boolean marked;
    private long markNanos;
    private boolean acked;
    private long firstAckNanos;

    /** From now on only writes issued at or after {@code nanos} count; forgets the previous first ack. */
    synchronized void mark(long nanos) {
        marked = true;
        markNanos = nanos;
        acked = false;
    }

    /** A write issued at {@code issuedNanos} succeeded at {@code ackedNanos}. */
    synchronized void acknowledged(long issuedNanos, long ackedNanos) {
        if (!marked || issuedNanos - markNanos < 0) {
            return;
        }
        if (!acked || ackedNanos - firstAckNanos < 0) {
            acked = true;
            firstAckNanos = ackedNanos;
            notifyAll();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for a write issued after the mark to succeed.
     *
     * @return when the first one was acknowledged, or empty if none was in time
     */
    synchronized OptionalLong awaitFirstAck(long timeoutNanos) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + timeoutNanos;
        long remainingNanos = timeoutNanos;
        while (!acked && remainingNanos > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, remainingNanos);
            remainingNanos = deadlineNanos - System.nanoTime();
        }
        return acked ? OptionalLong.of(firstAckNanos) : OptionalLong.empty();
    }
}
