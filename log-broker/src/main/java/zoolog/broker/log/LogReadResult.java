package zoolog.broker.log;

import java.nio.channels.FileChannel;

/**
 * The answer to a read: a region of one segment file holding whole batches (the batch containing
 * the fetch offset first), ready to be sent with zero-copy; an empty region when there is nothing
 * to read yet; or {@link #offsetOutOfRange()} when the fetch offset is below the log start offset
 * or above the log end offset. The channel belongs to the log: the region stays readable until
 * the partition's thread deletes or truncates that segment, which the sender must not outlive.
 */
public record LogReadResult(boolean offsetOutOfRange, FileChannel channel, long positionBytes, int sizeInBytes) {

    private static final LogReadResult OUT_OF_RANGE = new LogReadResult(true, null, 0, 0);
    private static final LogReadResult EMPTY = new LogReadResult(false, null, 0, 0);

    static LogReadResult outOfRange() {
        return OUT_OF_RANGE;
    }

    static LogReadResult empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }
}
