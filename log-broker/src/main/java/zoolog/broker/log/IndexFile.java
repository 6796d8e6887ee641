package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntToLongFunction;

/**
 * What the offset and time indexes share: fixed-size big-endian entries, held in memory for
 * binary search and written behind to their file. Entries reach the file on {@link #flush()},
 * together with the segment's fsync, because an index is only trusted for flushed data: after a
 * crash the unflushed tail is re-scanned and its entries rebuilt. Truncation reaches the file at
 * once, so a crash can never bring back entries that point at bytes that were cut off. A file
 * that is missing, of a size that is not a whole number of entries, larger than
 * {@code indexBytesMax}, or with entries out of order is rejected by {@link #load} and rebuilt.
 * Owned by the thread that owns the partition log; memory is {@code entryBytes} per entry.
 */
abstract class IndexFile {

    private final Path path;
    private final int entryBytes;
    private final int entriesMax;
    protected int entries;
    private int persistedEntries;

    IndexFile(Path path, int entryBytes, int indexBytesMax) {
        this.path = path;
        this.entryBytes = entryBytes;
        this.entriesMax = indexBytesMax / entryBytes;
    }

    /** Writes entry {@code i} at the buffer's position. */
    abstract void putEntry(ByteBuffer out, int i);

    /** Reads entry {@code i} from the buffer's position into memory and says whether it follows the previous one. */
    abstract boolean readEntry(ByteBuffer in, int i, int logSizeBytes);

    /** Makes room in memory for {@code count} entries. */
    abstract void ensureCapacity(int count);

    Path path() {
        return path;
    }

    int entries() {
        return entries;
    }

    boolean isFull() {
        return entries >= entriesMax;
    }

    /** Starts a new entry, growing the arrays by doubling up to {@code entriesMax}. */
    protected int nextEntry() {
        if (isFull()) {
            throw new IllegalStateException("index full: " + path);
        }
        ensureCapacity(entries + 1);
        return entries++;
    }

    protected int grownCapacity(int current, int needed) {
        return (int) Math.min(entriesMax, Math.max(needed, Math.max(16, 2L * current)));
    }

    /** Loads the file into memory; false (and an empty index) when it is missing or malformed. */
    boolean load(int logSizeBytes) throws IOException {
        entries = 0;
        persistedEntries = 0;
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (size % entryBytes != 0 || size / entryBytes > entriesMax) {
            return false;
        }
        int count = (int) (size / entryBytes);
        ByteBuffer in = ByteBuffer.allocate(count * entryBytes);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            while (in.hasRemaining() && channel.read(in) >= 0) {
                // keep reading until the buffer is full or the file ends
            }
        }
        in.flip();
        ensureCapacity(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < entryBytes || !readEntry(in, i, logSizeBytes)) {
                entries = 0;
                return false;
            }
            entries = i + 1;
        }
        persistedEntries = entries;
        return true;
    }

    /** Writes the entries added since the last flush and fsyncs the file. */
    void flush() throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (entries > persistedEntries) {
                ByteBuffer out = ByteBuffer.allocate((entries - persistedEntries) * entryBytes);
                for (int i = persistedEntries; i < entries; i++) {
                    putEntry(out, i);
                }
                out.flip();
                long position = (long) persistedEntries * entryBytes;
                while (out.hasRemaining()) {
                    position += channel.write(out, position);
                }
            }
            channel.truncate((long) entries * entryBytes);
            channel.force(true);
        }
        persistedEntries = entries;
    }

    /** Drops entries from {@code count} on, in memory and (if they were written) in the file. */
    void truncateToEntries(int count) throws IOException {
        entries = Math.min(entries, count);
        if (persistedEntries > entries) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.truncate((long) entries * entryBytes);
            }
            persistedEntries = entries;
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
        entries = 0;
        persistedEntries = 0;
    }

    /** The largest {@code i < entries} with {@code key(i) <= target}, or -1; keys must be ascending. */
    protected int floorEntry(long target, IntToLongFunction key) {
        int low = 0;
        int high = entries - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (key.applyAsLong(middle) <= target) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }
}
