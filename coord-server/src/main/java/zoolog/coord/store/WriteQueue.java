package zoolog.coord.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import zoolog.coord.zab.DurableOp;

/**
 * The bounded hand-off between the threads that call {@link CoordStore} and its writer thread.
 * Producers block while it is full (backpressure: the store cannot absorb writes faster than the
 * disk syncs them); the writer takes everything queued at once, which is what makes one fsync
 * cover many writes. It also enforces, atomically with enqueueing, that tokens strictly increase
 * (so the reported durable token is monotonic), that appended zxids strictly increase after the
 * last append, truncation or snapshot install, that materialised zxids never go back, and that a
 * truncation never drops a materialised zxid. It tracks "last logged zxid" as queued: the end of
 * the store's history, which a truncation pulls back and a snapshot install resets.
 */
final class WriteQueue {
    private final int capacity;
    private final ArrayDeque<StoreWrite> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private long lastLoggedZxid;
    private long lastMaterializedZxid;
    /** The token of the last durable op queued; 0 before the first, so tokens start at 1 or above. */
    private long lastToken;
    /** Non-null once closed: why further writes are refused. */
    private StoreException refusal;

    WriteQueue(int capacity, long lastLoggedZxid, long lastMaterializedZxid) {
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
        this.lastLoggedZxid = lastLoggedZxid;
        this.lastMaterializedZxid = lastMaterializedZxid;
    }

    void put(StoreWrite write) throws StoreException {
        lock.lock();
        try {
            awaitSpace();
            if (write instanceof StoreWrite.Durable) {
                admit((StoreWrite.Durable) write);
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

    /**
     * Checks a durable op against everything queued before it and moves the watermarks; refuses
     * (before changing anything) what only a bug upstream would ask for.
     */
    private void admit(StoreWrite.Durable write) {
        if (write.token() <= lastToken) {
            throw new IllegalArgumentException("durable op with token " + write.token() + " after token "
                    + lastToken + ": tokens must be positive and increase");
        }
        DurableOp op = write.op();
        if (op instanceof DurableOp.AppendTxn) {
            long zxid = ((DurableOp.AppendTxn) op).txn().getZxid();
            if (zxid <= lastLoggedZxid) {
                throw new IllegalArgumentException("append of zxid 0x" + Long.toHexString(zxid)
                        + " after 0x" + Long.toHexString(lastLoggedZxid) + ": zxids must increase");
            }
            lastLoggedZxid = zxid;
        } else if (op instanceof DurableOp.TruncateLog) {
            long afterZxid = ((DurableOp.TruncateLog) op).afterZxid();
            if (afterZxid < lastMaterializedZxid) {
                throw new IllegalArgumentException("truncation after zxid 0x" + Long.toHexString(afterZxid)
                        + " would drop materialised (committed) zxids up to 0x" + Long.toHexString(lastMaterializedZxid));
            }
            lastLoggedZxid = Math.min(lastLoggedZxid, afterZxid);
        } else if (op instanceof DurableOp.InstallSnapshot) {
            long zxid = ((DurableOp.InstallSnapshot) op).zxid();
            if (zxid < 0) {
                throw new IllegalArgumentException("snapshot at negative zxid " + zxid);
            }
            lastLoggedZxid = zxid;
            lastMaterializedZxid = zxid;
        } else if (op instanceof DurableOp.SaveEpochs) {
            Objects.requireNonNull(((DurableOp.SaveEpochs) op).ensembleId(), "ensembleId");
        } else {
            throw new IllegalArgumentException("no handler for " + op.getClass().getSimpleName());
        }
        lastToken = write.token();
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

    long lastLoggedZxid() {
        lock.lock();
        try {
            return lastLoggedZxid;
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
