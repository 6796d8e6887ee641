package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A read-ahead window over a segment file: asking for a few bytes reads a whole chunk, so walking
 * batch headers or recovering a segment costs one system call per chunk instead of two per batch.
 * The window caches file bytes, so its owner must {@link #invalidate()} it when the file is
 * truncated; appends need nothing, because a window never covers bytes past the end it read.
 * Owned by the thread that owns the segment.
 */
final class FileWindow {

    private final FileChannel channel;
    private final int chunkBytes;
    private ByteBuffer buffer;
    private long windowStart = -1;
    private int windowLength;

    FileWindow(FileChannel channel, int chunkBytes) {
        this.channel = channel;
        this.chunkBytes = chunkBytes;
    }

    /** The buffer that {@link #locate} indexes into; valid until the next call. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Makes file bytes {@code [position, position + length)} available and returns the index of the
     * first one in {@link #buffer()}, or -1 when the file ends first. The caller bounds
     * {@code length} by the file's size, which bounds the buffer.
     */
    int locate(long position, int length) throws IOException {
        if (windowStart >= 0 && position >= windowStart && position + length <= windowStart + windowLength) {
            return (int) (position - windowStart);
        }
        int capacity = Math.max(length, chunkBytes);
        if (buffer == null || buffer.capacity() < capacity) {
            buffer = ByteBuffer.allocate(capacity);
        }
        buffer.clear();
        long readPosition = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, readPosition);
            if (read < 0) {
                break;
            }
            readPosition += read;
        }
        windowStart = position;
        windowLength = buffer.position();
        return windowLength >= length ? 0 : -1;
    }

    void invalidate() {
        windowStart = -1;
        windowLength = 0;
    }
}
