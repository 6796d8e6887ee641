package zoolog.coord.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-off between the threads that call {@link CoordStore} and its writer thread.
 * Producers block while it is full (backpressure: the store cannot absorb writes faster than the
 * disk syncs them); the writer takes everything queued at once, which is what makes one fsync
 * cover many writes. It also enforces, atomically with enqueueing, that appended zxids strictly
 * increase and materialised zxids never go back, so the writer's durable watermark is monotonic.
 */
final class WriteQueue {
    private final int capacity;
    private final ArrayDeque<StoreWrite> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long lastAppendedZxid;
    private long lastMaterializedZxid;
    /** Non-null once closed: why further writes are refused. */
    private StoreException refusal;

    WriteQueue(int capacity, long lastAppendedZxid, long lastMaterializedZxid) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
        this.lastAppendedZxid = lastAppendedZxid;
        this.lastMaterializedZxid = lastMaterializedZxid;
    }

    void put(StoreWrite write) throws StoreException {
        lock.lock();
        try {
            awaitSpace();
            if (write instanceof StoreWrite.Append) {
                long zxid = ((StoreWrite.Append) write).txn().getZxid();
                if (zxid <= lastAppendedZxid) {
                    throw new IllegalArgumentException("append of zxid 0x" + Long.toHexString(zxid)
                            + " after 0x" + Long.toHexString(lastAppendedZxid) + ": zxids must increase");
                }
                lastAppendedZxid = zxid;
            } else if (write instanceof StoreWrite.Materialize) {
                long zxid = ((StoreWrite.Materialize) write).zxid();
                if (zxid < lastMaterializedZxid) {
                    throw new IllegalArgumentException("materialize of zxid 0x" + Long.toHexString(zxid)
                            + " after 0x" + Long.toHexString(lastMaterializedZxid) + ": zxids must not go back");
                }
                lastMaterializedZxid = zxid;
            }
            items.addLast(write);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void awaitSpace() throws StoreException {
        while (refusal == null && items.size() >= capacity) {
            try {
                notFull.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the store's write queue");
            }
        }
        if (refusal != null) {
            throw new StoreException(refusal.getMessage(), refusal);
        }
    }

    /**
     * Takes everything queued, waiting while the queue is empty and open. An empty result means
     * the queue is closed and drained: the writer should stop.
     */
    List<StoreWrite> drain() {
        lock.lock();
        try {
            while (items.isEmpty() && refusal == null) {
                notEmpty.awaitUninterruptibly();
            }
            List<StoreWrite> taken = new ArrayList<>(items);
            items.clear();
            notFull.signalAll();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further writes with {@code reason}; what is already queued can still be drained. */
    void close(StoreException reason) {
        lock.lock();
        try {
            if (refusal == null) {
                refusal = reason;
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long lastAppendedZxid() {
        lock.lock();
        try {
            return lastAppendedZxid;
        } finally {
            lock.unlock();
        }
    }

    long lastMaterializedZxid() {
        lock.lock();
        try {
            return lastMaterializedZxid;
        } finally {
            lock.unlock();
        }
    }
}
