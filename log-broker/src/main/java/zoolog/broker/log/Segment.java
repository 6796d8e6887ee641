package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import zoolog.protocol.kafka.record.CompressionCodec;
import zoolog.protocol.kafka.record.Record;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchValidator;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.RecordReader;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * One segment of a partition log: the records from {@code baseOffset} up to the next segment, in
 * three files named by the base offset zero-padded to 20 digits, like Kafka's:
 * {@code <baseOffset>.log} holds record batches v2 exactly as on the wire, with the offsets and
 * leader epoch the leader assigned, back to back and nothing else; {@code .index} is the
 * {@link OffsetIndex} and {@code .timeindex} the {@link TimeIndex}. Batches are dense: each one
 * starts at the offset after the previous one's last.
 *
 * <p>A crash can leave the {@code .log} file with a torn last batch (or garbage after it) and
 * the index files short, long or missing. Opening a segment therefore either <em>recovers</em>
 * it — reads every batch, checks sizes and CRC, rebuilds both indexes, and cuts the file at the
 * first bad batch — or, for segments below the recovery point, trusts the indexes after a sanity
 * check and re-reads only the batches after the last index entry. Owned by the partition log's
 * thread.
 */
final class Segment {

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Read-ahead for walking batch headers on the read path: one index interval and then some. */
    private static final int HEADER_WINDOW_BYTES = 8 * 1024;
    /** Read-ahead while recovering: large reads make recovery time proportional to bytes, not batches. */
    private static final int RECOVERY_WINDOW_BYTES = 1024 * 1024;

    private final long baseOffset;
    private final LogConfig config;
    private final Path logPath;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final FileWindow headerWindow;
    private int sizeInBytes;
    private long nextOffset;
    private long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private long offsetOfMaxTimestampSoFar;
    private long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    private int bytesSinceLastIndexEntry;
    private long truncatedBytesOnOpen;
    private boolean dirty;

    private Segment(Path dir, long baseOffset, LogConfig config) throws IOException {
        this.baseOffset = baseOffset;
        this.config = config;
        String prefix = filenamePrefix(baseOffset);
        this.logPath = dir.resolve(prefix + LOG_SUFFIX);
        this.channel = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.offsetIndex = new OffsetIndex(dir.resolve(prefix + INDEX_SUFFIX), baseOffset, config.indexBytesMax());
        this.timeIndex = new TimeIndex(dir.resolve(prefix + TIME_INDEX_SUFFIX), baseOffset, config.indexBytesMax());
        this.headerWindow = new FileWindow(channel, HEADER_WINDOW_BYTES);
        this.nextOffset = baseOffset;
        this.offsetOfMaxTimestampSoFar = baseOffset;
    }

    /** The 20-digit zero-padded base offset every file of a segment is named by. */
    static String filenamePrefix(long offset) {
        return String.format("%020d", offset);
    }

    /** A new, empty segment; its index files appear on the first flush. */
    static Segment create(Path dir, long baseOffset, LogConfig config) throws IOException {
        Segment segment = new Segment(dir, baseOffset, config);
        segment.channel.truncate(0);
        segment.offsetIndex.delete();
        segment.timeIndex.delete();
        segment.dirty = true;
        return segment;
    }

    /**
     * Opens an existing segment. With {@code recover} (it may hold unflushed bytes) every batch is
     * checked and the indexes rebuilt; otherwise the indexes are loaded and only the batches after
     * the last index entry are checked, falling back to recovery if anything is wrong.
     */
    static Segment open(Path dir, long baseOffset, LogConfig config, boolean recover) throws IOException {
        Segment segment = new Segment(dir, baseOffset, config);
        long fileBytes = segment.channel.size();
        if (fileBytes > Integer.MAX_VALUE) {
            segment.channel.close();
            throw new IOException(segment.logPath + " is larger than an int32 file position allows: " + fileBytes);
        }
        segment.sizeInBytes = (int) fileBytes;
        if (recover || !segment.loadIndexesAndScanTail()) {
            segment.truncatedBytesOnOpen = segment.recover();
        }
        segment.loadRollingBasedTimestamp();
        return segment;
    }

    long baseOffset() {
        return baseOffset;
    }

    /** The offset after the last batch; baseOffset when empty. */
    long nextOffset() {
        return nextOffset;
    }

    int sizeInBytes() {
        return sizeInBytes;
    }

    boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /** The greatest batch maxTimestamp in the segment, or -1 when no batch carries one. */
    long maxTimestamp() {
        return maxTimestampSoFar;
    }

    /** Bytes cut off the end of the file when it was opened: a torn or corrupt tail. */
    long truncatedBytesOnOpen() {
        return truncatedBytesOnOpen;
    }

    FileChannel channel() {
        return channel;
    }

    /**
     * Whether the next append of {@code appendBytes}, whose greatest timestamp and last offset are
     * given, must go to a new segment: this one is not empty and would pass {@code segmentBytes};
     * or the batch is {@code rollMillis} newer than this segment's first batch (Kafka compares
     * batch timestamps, so for LogAppendTime topics that is the leader's clock); or an index is
     * full; or an offset would not fit the indexes' int32 relative offset.
     */
    boolean shouldRoll(int appendBytes, long appendMaxTimestamp, long appendLastOffset) {
        if (isEmpty()) {
            return false;
        }
        boolean tooOld = rollingBasedTimestamp >= 0 && appendMaxTimestamp - rollingBasedTimestamp >= config.rollMillis();
        return sizeInBytes > config.segmentBytes() - appendBytes || tooOld || offsetIndex.isFull()
                || timeIndex.isFull() || appendLastOffset - baseOffset > Integer.MAX_VALUE;
    }

    /**
     * Writes already validated batches, whose offsets the log assigned, at the end of the file and
     * indexes them. The buffer's position and limit are left alone.
     */
    void append(ByteBuffer batches) throws IOException {
        ByteBuffer out = batches.duplicate();
        int filePosition = sizeInBytes;
        long writePosition = filePosition;
        while (out.hasRemaining()) {
            writePosition += channel.write(out, writePosition);
        }
        if (isEmpty()) {
            rollingBasedTimestamp = RecordBatch.at(batches, batches.position()).maxTimestamp();
        }
        for (int at = batches.position(); at < batches.limit(); ) {
            RecordBatch batch = RecordBatch.at(batches, at);
            onBatchAppended(batch, filePosition + (at - batches.position()));
            at += batch.sizeInBytes();
        }
        sizeInBytes = (int) writePosition;
        dirty = true;
    }

    /**
     * The region to serve for a fetch at {@code fetchOffset}: from the batch that contains it,
     * whole batches whose last offset is below {@code upperBoundOffset}, at most {@code maxBytes}
     * — except that with {@code minOneBatch} the first batch is returned even if larger, so a
     * consumer always makes progress (KIP-74). Null when no batch here reaches {@code fetchOffset}.
     */
    LogReadResult read(long fetchOffset, int maxBytes, long upperBoundOffset, boolean minOneBatch) throws IOException {
        int start = findBatchPosition(fetchOffset);
        if (start < 0) {
            return null;
        }
        int end = upperBoundOffset >= nextOffset ? sizeInBytes : findBatchPosition(upperBoundOffset);
        if (end < 0) {
            end = sizeInBytes;
        }
        if (end <= start) {
            return LogReadResult.empty();
        }
        if (end - start > maxBytes) {
            end = lastBatchEndWithin(start, start + (long) maxBytes, minOneBatch);
        }
        return end == start ? LogReadResult.empty() : new LogReadResult(false, channel, start, end - start);
    }

    /**
     * The first record at or after {@code startingOffset} whose timestamp is at least
     * {@code timestamp}. Compressed CreateTime batches are not opened: their first offset and
     * maxTimestamp stand for the batch.
     */
    Optional<TimestampAndOffset> findOffsetByTimestamp(long timestamp, long startingOffset) throws IOException {
        long fromOffset = Math.max(timeIndex.lookup(timestamp), startingOffset);
        int position = findBatchPosition(fromOffset);
        while (position >= 0 && position < sizeInBytes) {
            RecordBatch header = headerAt(position);
            if (header.maxTimestamp() >= timestamp && header.lastOffset() >= startingOffset) {
                Optional<TimestampAndOffset> found = firstRecordAtOrAfter(position, header, timestamp, startingOffset);
                if (found.isPresent()) {
                    return found;
                }
            }
            position += header.sizeInBytes();
        }
        return Optional.empty();
    }

    /**
     * Removes every batch whose last offset is at or above {@code offset} and returns the new
     * next offset, which is below {@code offset} when a batch straddled it.
     */
    long truncateTo(long offset) throws IOException {
        int position = findBatchPosition(offset);
        if (position < 0) {
            return nextOffset;
        }
        long removedFrom = headerAt(position).baseOffset();
        channel.truncate(position);
        headerWindow.invalidate();
        sizeInBytes = position;
        offsetIndex.truncateFrom(removedFrom);
        timeIndex.truncateFrom(removedFrom);
        if (!scanTail()) {
            throw new IOException("segment " + logPath + " unreadable after truncation to " + offset);
        }
        if (isEmpty()) {
            rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        }
        dirty = true;
        return nextOffset;
    }

    /** Fsyncs the log file and writes and fsyncs both indexes, if anything changed. */
    void flush() throws IOException {
        if (!dirty) {
            return;
        }
        channel.force(true);
        offsetIndex.flush();
        timeIndex.flush();
        dirty = false;
    }

    void close() throws IOException {
        flush();
        channel.close();
    }

    /** Closes the segment and removes its three files, the log first so a crash leaves no half segment. */
    void deleteFiles() throws IOException {
        channel.close();
        Files.deleteIfExists(logPath);
        offsetIndex.delete();
        timeIndex.delete();
    }

    /** Removes the files of segment {@code baseOffset} in {@code dir} without opening them. */
    static void deleteFiles(Path dir, long baseOffset) throws IOException {
        String prefix = filenamePrefix(baseOffset);
        for (String suffix : List.of(LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(prefix + suffix));
        }
    }

    /** Kafka's indexing rule (K39 {@code LogSegment.append}), shared by append, recovery and tail scans. */
    private void onBatchAppended(RecordBatch batch, int position) {
        if (batch.maxTimestamp() > maxTimestampSoFar) {
            maxTimestampSoFar = batch.maxTimestamp();
            offsetOfMaxTimestampSoFar = batch.lastOffset();
        }
        if (bytesSinceLastIndexEntry > config.indexIntervalBytes() && !offsetIndex.isFull() && !timeIndex.isFull()) {
            offsetIndex.append(batch.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
        nextOffset = batch.nextOffset();
    }

    private boolean loadIndexesAndScanTail() throws IOException {
        return offsetIndex.load(sizeInBytes) && timeIndex.load(sizeInBytes) && scanTail();
    }

    /**
     * Re-reads the batches from the last offset index entry to the end of the file to learn the
     * next offset, the greatest timestamp and the bytes since the last entry. False if any of
     * them is not a valid batch, which means the indexes or the file cannot be trusted.
     */
    private boolean scanTail() throws IOException {
        maxTimestampSoFar = timeIndex.lastTimestamp(RecordBatch.NO_TIMESTAMP);
        offsetOfMaxTimestampSoFar = timeIndex.lastOffset(baseOffset);
        nextOffset = baseOffset;
        bytesSinceLastIndexEntry = 0;
        int from = offsetIndex.lastPosition();
        return scan(from) == sizeInBytes;
    }

    /** Checks every batch, rebuilds the indexes and cuts the file after the last valid batch. */
    private long recover() throws IOException {
        offsetIndex.truncateToEntries(0);
        timeIndex.truncateToEntries(0);
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = baseOffset;
        nextOffset = baseOffset;
        bytesSinceLastIndexEntry = 0;
        int validBytes = scan(0);
        long truncated = sizeInBytes - validBytes;
        if (truncated > 0) {
            channel.truncate(validBytes);
            sizeInBytes = validBytes;
        }
        headerWindow.invalidate();
        dirty = true;
        return truncated;
    }

    /**
     * Walks batches from {@code from}, validating each (sizes, magic, CRC, framing) and checking
     * that offsets are dense, and replays the indexing rule. Starting with no bytes since the last
     * entry means a batch at an indexed position is not indexed again. Returns the position where
     * the valid batches end.
     */
    private int scan(int from) throws IOException {
        FileWindow window = new FileWindow(channel, RECOVERY_WINDOW_BYTES);
        int position = from;
        boolean first = true;
        while (position < sizeInBytes) {
            int available = sizeInBytes - position;
            int headerIndex = window.locate(position, Math.min(RecordBatch.HEADER_BYTES, available));
            if (available < RecordBatch.HEADER_BYTES || headerIndex < 0) {
                break;
            }
            int batchBytes = RecordBatch.at(window.buffer(), headerIndex).sizeInBytes();
            if (batchBytes < RecordBatch.HEADER_BYTES || batchBytes > available) {
                break;
            }
            int index = window.locate(position, batchBytes);
            RecordBatch batch = RecordBatch.at(window.buffer(), index);
            boolean denseOffsets = first ? batch.baseOffset() >= baseOffset : batch.baseOffset() == nextOffset;
            if (RecordBatchValidator.validate(batch, batchBytes) != RecordError.NONE || !denseOffsets
                    || batch.lastOffset() - baseOffset > Integer.MAX_VALUE) {
                break;
            }
            onBatchAppended(batch, position);
            position += batchBytes;
            first = false;
        }
        return position;
    }

    private void loadRollingBasedTimestamp() throws IOException {
        rollingBasedTimestamp = isEmpty() ? RecordBatch.NO_TIMESTAMP : headerAt(0).maxTimestamp();
    }

    /**
     * The position of the first batch whose last offset is at or above {@code offset}: an index
     * lookup, then a walk over batch headers. -1 when there is none.
     */
    private int findBatchPosition(long offset) throws IOException {
        int position = offsetIndex.lookup(offset);
        while (position < sizeInBytes) {
            RecordBatch header = headerAt(position);
            if (header.lastOffset() >= offset) {
                return position;
            }
            position += header.sizeInBytes();
        }
        return -1;
    }

    /** The end of the last whole batch that fits in {@code [start, limit)}, found from the nearest index entry. */
    private int lastBatchEndWithin(int start, long limit, boolean minOneBatch) throws IOException {
        int position = Math.max(start, offsetIndex.floorPosition((int) Math.min(limit, sizeInBytes)));
        while (position < sizeInBytes) {
            int batchBytes = headerAt(position).sizeInBytes();
            if (position + (long) batchBytes > limit) {
                break;
            }
            position += batchBytes;
        }
        if (position == start && minOneBatch) {
            return start + headerAt(start).sizeInBytes();
        }
        return position;
    }

    /** A view of the 61-byte header at {@code position}, valid until the next header read. */
    private RecordBatch headerAt(int position) throws IOException {
        int index = headerWindow.locate(position, RecordBatch.HEADER_BYTES);
        if (index < 0) {
            throw new IOException("no batch header at " + position + " in " + logPath + " of " + sizeInBytes + " bytes");
        }
        return RecordBatch.at(headerWindow.buffer(), index);
    }

    private Optional<TimestampAndOffset> firstRecordAtOrAfter(int position, RecordBatch header, long timestamp,
                                                              long startingOffset) throws IOException {
        long batchStart = Math.max(header.baseOffset(), startingOffset);
        if (header.timestampType() == TimestampType.LOG_APPEND_TIME
                || header.compressionCodecId() != CompressionCodec.NONE.id()) {
            return Optional.of(new TimestampAndOffset(header.maxTimestamp(), batchStart));
        }
        int batchBytes = header.sizeInBytes();
        ByteBuffer bytes = ByteBuffer.allocate(batchBytes);
        while (bytes.hasRemaining() && channel.read(bytes, position + bytes.position()) >= 0) {
            // read the whole batch; the file holds it, so this ends
        }
        for (Record record : RecordReader.decode(RecordBatch.at(bytes, 0))) {
            if (record.offset() >= startingOffset && record.timestamp() >= timestamp) {
                return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset()));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Segment(" + logPath.getFileName() + ", nextOffset=" + nextOffset + ", sizeInBytes=" + sizeInBytes + ")";
    }
}
