package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The sparse offset index of one segment ({@code <baseOffset>.index}), mapping offsets to file
 * positions so a read finds its batch with a binary search and a short forward scan. It holds
 * 8-byte big-endian entries, sorted and strictly increasing in both fields:
 *
 * <pre>
 * relativeOffset int32   the last offset of an indexed batch, minus the segment's baseOffset
 * position       int32   byte position of that batch in the .log file
 * </pre>
 *
 * An entry (o, p) promises that every offset greater than or equal to o lives in a batch that
 * starts at p or later. A batch is indexed when more than {@code indexIntervalBytes} were appended
 * since the previous entry (K39 {@code LogSegment.append}), so the first batch of a segment is not
 * indexed and a lookup below the first entry starts at position 0. See {@link IndexFile} for when
 * entries reach the disk. Owned by the partition log's thread.
 */
final class OffsetIndex extends IndexFile {

    static final int ENTRY_BYTES = 8;

    private final long baseOffset;
    private int[] relativeOffsets = new int[0];
    private int[] positions = new int[0];

    OffsetIndex(Path path, long baseOffset, int indexBytesMax) {
        super(path, ENTRY_BYTES, indexBytesMax);
        this.baseOffset = baseOffset;
    }

    void append(long offset, int position) {
        int i = nextEntry();
        relativeOffsets[i] = (int) (offset - baseOffset);
        positions[i] = position;
    }

    /** Where to start scanning for {@code targetOffset}: the position of the floor entry, or 0. */
    int lookup(long targetOffset) {
        int i = floorEntry(targetOffset - baseOffset, j -> relativeOffsets[j]);
        return i < 0 ? 0 : positions[i];
    }

    /** The greatest indexed batch position at or below {@code position}, or 0. */
    int floorPosition(int position) {
        int i = floorEntry(position, j -> positions[j]);
        return i < 0 ? 0 : positions[i];
    }

    /** The position of the last indexed batch, or 0 when there are no entries. */
    int lastPosition() {
        return entries == 0 ? 0 : positions[entries - 1];
    }

    /** Drops the entries for offsets at or above {@code offset}. */
    void truncateFrom(long offset) throws IOException {
        truncateToEntries(floorEntry(offset - baseOffset - 1, j -> relativeOffsets[j]) + 1);
    }

    @Override
    void putEntry(ByteBuffer out, int i) {
        out.putInt(relativeOffsets[i]).putInt(positions[i]);
    }

    @Override
    boolean readEntry(ByteBuffer in, int i, int logSizeBytes) {
        int relativeOffset = in.getInt();
        int position = in.getInt();
        relativeOffsets[i] = relativeOffset;
        positions[i] = position;
        boolean inSegment = relativeOffset >= 0 && position >= 0 && position < logSizeBytes;
        return inSegment && (i == 0 || relativeOffset > relativeOffsets[i - 1] && position > positions[i - 1]);
    }

    @Override
    void ensureCapacity(int count) {
        if (count > relativeOffsets.length) {
            int capacity = grownCapacity(relativeOffsets.length, count);
            relativeOffsets = Arrays.copyOf(relativeOffsets, capacity);
            positions = Arrays.copyOf(positions, capacity);
        }
    }
}
