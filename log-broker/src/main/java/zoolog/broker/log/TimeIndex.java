package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sparse time index of one segment ({@code <baseOffset>.timeindex}), used to answer "the
 * first offset with a timestamp at or after t" (ListOffsets) without reading the whole segment.
 * It holds 12-byte big-endian entries with strictly increasing timestamps:
 *
 * <pre>
 * timestamp      int64   the greatest batch maxTimestamp seen so far in the segment
 * relativeOffset int32   the last offset of the first batch that reached it, minus baseOffset
 * </pre>
 *
 * An entry (t, o) promises that every batch before the one holding o has a maxTimestamp below t,
 * so a search for any timestamp at or above t may start at o. Entries are added next to offset
 * index entries, only when the timestamp grew (K39 {@code TimeIndex.maybeAppend}). Owned by the
 * partition log's thread.
 */
final class TimeIndex extends IndexFile {

    static final int ENTRY_BYTES = 12;

    private final long baseOffset;
    private long[] timestamps = new long[0];
    private int[] relativeOffsets = new int[0];

    TimeIndex(Path path, long baseOffset, int indexBytesMax) {
        super(path, ENTRY_BYTES, indexBytesMax);
        this.baseOffset = baseOffset;
    }

    /** Adds (timestamp, offset) when the timestamp is greater than the last entry's. */
    void maybeAppend(long timestamp, long offset) {
        if (entries > 0 && timestamp <= timestamps[entries - 1]) {
            return;
        }
        int i = nextEntry();
        timestamps[i] = timestamp;
        relativeOffsets[i] = (int) (offset - baseOffset);
    }

    /** The offset to start searching for {@code timestamp} from: the floor entry's, or baseOffset. */
    long lookup(long timestamp) {
        int i = floorEntry(timestamp, j -> timestamps[j]);
        return i < 0 ? baseOffset : baseOffset + relativeOffsets[i];
    }

    /** The greatest timestamp indexed, or {@code fallback} when there are no entries. */
    long lastTimestamp(long fallback) {
        return entries == 0 ? fallback : timestamps[entries - 1];
    }

    /** The offset of the greatest timestamp indexed, or {@code fallback}. */
    long lastOffset(long fallback) {
        return entries == 0 ? fallback : baseOffset + relativeOffsets[entries - 1];
    }

    /** Drops the entries for offsets at or above {@code offset}; their offsets are ascending too. */
    void truncateFrom(long offset) throws IOException {
        truncateToEntries(floorEntry(offset - baseOffset - 1, j -> relativeOffsets[j]) + 1);
    }

    @Override
    void putEntry(ByteBuffer out, int i) {
        out.putLong(timestamps[i]).putInt(relativeOffsets[i]);
    }

    @Override
    boolean readEntry(ByteBuffer in, int i, int logSizeBytes) {
        long timestamp = in.getLong();
        int relativeOffset = in.getInt();
        timestamps[i] = timestamp;
        relativeOffsets[i] = relativeOffset;
        return relativeOffset >= 0 && (i == 0 || timestamp > timestamps[i - 1] && relativeOffset >= relativeOffsets[i - 1]);
    }

    @Override
    void ensureCapacity(int count) {
        if (count > timestamps.length) {
            int capacity = grownCapacity(timestamps.length, count);
            timestamps = Arrays.copyOf(timestamps, capacity);
            relativeOffsets = Arrays.copyOf(relativeOffsets, capacity);
        }
    }
}
