package zoolog.broker.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchValidator;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * The log of one partition replica: a directory {@code <topic>-<partition>} of {@link Segment}s
 * in offset order, the last one active. It assigns offsets on append and keeps the offsets that
 * describe a replica explicit:
 *
 * <pre>
 *   logStartOffset        highWatermark        logEndOffset
 *        |  (deleted)  ...  | committed  |  not yet  |
 *   [seg 0 .. ][seg 1 ......][ active segment ......]
 *                  recoveryPoint: bytes before it are fsynced
 * </pre>
 *
 * The high watermark is set from outside (the replication core decides it); retention and
 * DeleteRecords move the log start offset and delete whole segments only below it; flushing moves
 * the recovery point, and on open only the segments from the one containing the recovery point
 * on are re-checked, so restart time depends on the unflushed tail. Time enters only as
 * {@code nowMillis} arguments. Owned by one thread (the partition's); not thread-safe.
 */
public final class PartitionLog {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final Path dir;
    private final LogConfig config;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private long logStartOffset;
    private long logEndOffset;
    private long highWatermark;
    private long recoveryPoint;

    private PartitionLog(Path dir, LogConfig config) {
        this.dir = dir;
        this.config = config;
    }

    /** The directory name Kafka uses for a partition: {@code <topic>-<partition>}. */
    public static String directoryName(String topic, int partition) {
        return topic + "-" + partition;
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering what a crash may have left:
     * segments from the one containing {@code checkpoint.recoveryPoint()} on are fully checked, a
     * torn tail is cut at the last valid batch and every later segment deleted.
     */
    public static PartitionLog open(Path dir, LogConfig config, LogCheckpoint checkpoint) throws IOException {
        Files.createDirectories(dir);
        PartitionLog log = new PartitionLog(dir, config);
        log.loadSegments(checkpoint.recoveryPoint());
        if (log.segments.isEmpty()) {
            log.addSegment(Segment.create(dir, checkpoint.logStartOffset(), config));
        }
        log.logEndOffset = log.activeSegment().nextOffset();
        log.logStartOffset = Math.max(checkpoint.logStartOffset(), log.segments.firstKey());
        if (log.logStartOffset > log.logEndOffset) {
            log.truncateFullyAndStartAt(log.logStartOffset);
        }
        log.recoveryPoint = Math.min(Math.max(checkpoint.recoveryPoint(), log.logStartOffset), log.logEndOffset);
        log.highWatermark = Math.min(Math.max(checkpoint.highWatermark(), log.logStartOffset), log.logEndOffset);
        return log;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** The offsets to persist so that {@link #open} can resume from them. */
    public LogCheckpoint checkpoint() {
        return new LogCheckpoint(logStartOffset, recoveryPoint, highWatermark);
    }

    public int segmentCount() {
        return segments.size();
    }

    /** Bytes of all segment files. */
    public long sizeInBytes() {
        long size = 0;
        for (Segment segment : segments.values()) {
            size += segment.sizeInBytes();
        }
        return size;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Validates and appends the batches in {@code records[position, limit)}, assigning offsets
     * from the log end offset, stamping {@code leaderEpoch} and, for LogAppendTime topics,
     * {@code nowMillis}. The buffer is rewritten in place: afterwards it holds the bytes as
     * stored. Rolls first if the active segment is full or old. Nothing is stored when any batch
     * is invalid or larger than {@code maxMessageBytes} (or all of them larger than a segment).
     */
    public LogAppendInfo appendAsLeader(ByteBuffer records, int leaderEpoch, long nowMillis) throws IOException {
        RecordError error = validate(records);
        if (error != RecordError.NONE) {
            return LogAppendInfo.failed(error);
        }
        long firstOffset = logEndOffset;
        long nextOffset = logEndOffset;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int recordsCount = 0;
        boolean logAppendTime = config.timestampType() == TimestampType.LOG_APPEND_TIME;
        for (int at = records.position(); at < records.limit(); ) {
            RecordBatch batch = RecordBatch.at(records, at);
            batch.setBaseOffset(nextOffset);
            batch.setPartitionLeaderEpoch(leaderEpoch);
            if (logAppendTime) {
                batch.setLogAppendTime(nowMillis);
            }
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            recordsCount += batch.recordsCount();
            nextOffset = batch.nextOffset();
            at += batch.sizeInBytes();
        }
        if (activeSegment().shouldRoll(records.remaining(), maxTimestamp, nextOffset - 1)) {
            roll();
        }
        activeSegment().append(records);
        logEndOffset = nextOffset;
        return new LogAppendInfo(RecordError.NONE, firstOffset, nextOffset - 1, logAppendTime ? nowMillis : -1,
                recordsCount);
    }

    /**
     * Reads whole batches from the one containing {@code fetchOffset}, all below
     * {@code upperBoundOffset} (the high watermark for consumers, the log end offset for
     * followers), from a single segment, within {@code maxBytes} unless {@code minOneBatch}
     * allows a larger first batch. Out of range below the log start offset or above the log end.
     */
    public LogReadResult read(long fetchOffset, int maxBytes, long upperBoundOffset, boolean minOneBatch)
            throws IOException {
        if (fetchOffset < logStartOffset || fetchOffset > logEndOffset) {
            return LogReadResult.outOfRange();
        }
        long upperBound = Math.min(upperBoundOffset, logEndOffset);
        Map.Entry<Long, Segment> entry = segments.floorEntry(fetchOffset);
        while (entry != null && fetchOffset < upperBound) {
            LogReadResult result = entry.getValue().read(fetchOffset, maxBytes, upperBound, minOneBatch);
            if (result != null) {
                return result;
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return LogReadResult.empty();
    }

    /** Sets the high watermark, which must lie within [logStartOffset, logEndOffset]. */
    public void updateHighWatermark(long offset) {
        if (offset < logStartOffset || offset > logEndOffset) {
            throw new IllegalArgumentException("high watermark " + offset + " outside [" + logStartOffset + ", "
                    + logEndOffset + "]");
        }
        highWatermark = offset;
    }

    /** Starts a new active segment at the log end offset, unless the active one is empty. */
    public void roll() throws IOException {
        if (!activeSegment().isEmpty()) {
            addSegment(Segment.create(dir, logEndOffset, config));
        }
    }

    /**
     * Removes every batch with an offset at or above {@code offset} (a batch straddling it goes
     * whole, so the log end offset may end up below {@code offset}). Below the log start offset
     * the log is emptied and restarted there, as Kafka's follower truncation does.
     */
    public void truncateTo(long offset) throws IOException {
        if (offset >= logEndOffset) {
            return;
        }
        if (offset < logStartOffset) {
            truncateFullyAndStartAt(offset);
            return;
        }
        while (segments.size() > 1 && segments.lastKey() >= offset) {
            segments.pollLastEntry().getValue().deleteFiles();
        }
        logEndOffset = activeSegment().truncateTo(offset);
        logStartOffset = Math.min(logStartOffset, logEndOffset);
        highWatermark = Math.min(highWatermark, logEndOffset);
        recoveryPoint = Math.min(recoveryPoint, logEndOffset);
    }

    /** Deletes every segment and starts an empty log at {@code offset}, which becomes every offset. */
    public void truncateFullyAndStartAt(long offset) throws IOException {
        for (Segment segment : segments.values()) {
            segment.deleteFiles();
        }
        segments.clear();
        addSegment(Segment.create(dir, offset, config));
        logStartOffset = offset;
        logEndOffset = offset;
        highWatermark = offset;
        recoveryPoint = offset;
    }

    /**
     * Applies retention: deletes the oldest segments while their newest timestamp is more than
     * {@code retentionMillis} before {@code nowMillis}, then while the log is larger than
     * {@code retentionBytes}, then those wholly below the log start offset. Only segments wholly
     * below the high watermark go; the active one is rolled first when it must go too. Returns
     * the number of segments deleted.
     */
    public int deleteRetentionBreachedSegments(long nowMillis) throws IOException {
        int deleted = 0;
        if (config.retentionMillis() >= 0) {
            deleted += deleteOldSegments(segment -> segment.maxTimestamp() >= 0
                    && nowMillis - segment.maxTimestamp() > config.retentionMillis(), true);
        }
        if (config.retentionBytes() >= 0) {
            long[] excessBytes = {sizeInBytes() - config.retentionBytes()};
            deleted += deleteOldSegments(segment -> {
                if (excessBytes[0] - segment.sizeInBytes() < 0) {
                    return false;
                }
                excessBytes[0] -= segment.sizeInBytes();
                return true;
            }, true);
        }
        return deleted + deleteOldSegments(segment -> nextBaseOffset(segment) <= logStartOffset, false);
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} and deletes the segments
     * wholly below it. False (OFFSET_OUT_OF_RANGE) when {@code offset} is above the high watermark.
     */
    public boolean deleteRecords(long offset) throws IOException {
        if (offset > highWatermark) {
            return false;
        }
        logStartOffset = Math.max(logStartOffset, offset);
        deleteOldSegments(segment -> nextBaseOffset(segment) <= logStartOffset, false);
        return true;
    }

    /**
     * The first record at or after the log start offset whose timestamp is at least
     * {@code timestamp} (ListOffsets by time); empty when every record is older.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) throws IOException {
        for (Segment segment : segmentsFrom(logStartOffset)) {
            if (segment.maxTimestamp() >= timestamp) {
                Optional<TimestampAndOffset> found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The segment files a {@link #flush} would fsync now. Forcing them ahead of the flush, from a
     * thread that does not own the log, moves the slow part of an fsync out of the owner's way:
     * {@code FileChannel.force} may run alongside appends, and the flush then finds little left.
     */
    public List<FileChannel> unflushedSegmentFiles() {
        List<FileChannel> files = new ArrayList<>();
        for (Segment segment : segmentsFrom(recoveryPoint)) {
            files.add(segment.channel());
        }
        return files;
    }

    /** Fsyncs every changed segment and its indexes; the recovery point becomes the log end offset. */
    public void flush() throws IOException {
        for (Segment segment : segmentsFrom(recoveryPoint)) {
            segment.flush();
        }
        recoveryPoint = logEndOffset;
    }

    /** Flushes and closes every segment; the log must not be used afterwards. */
    public void close() throws IOException {
        flush();
        for (Segment segment : segments.values()) {
            segment.close();
        }
    }

    /**
     * Closes the files without flushing, as when the log directory has failed (Kafka's
     * {@code closeHandlers}); whatever was not flushed is left to recovery on the next open.
     */
    public void closeHandlers() throws IOException {
        for (Segment segment : segments.values()) {
            segment.channel().close();
        }
    }

    /** Deletes every file of the log and its directory (topic deletion); the log must not be used afterwards. */
    public void delete() throws IOException {
        for (Segment segment : segments.values()) {
            segment.deleteFiles();
        }
        segments.clear();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir)) {
            for (Path file : leftovers) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** The segment containing {@code offset} and all after it; every segment when it lies below the first. */
    private Iterable<Segment> segmentsFrom(long offset) {
        Long from = segments.floorKey(offset);
        return segments.tailMap(from == null ? segments.firstKey() : from, true).values();
    }

    private Segment activeSegment() {
        return segments.lastEntry().getValue();
    }

    private void addSegment(Segment segment) {
        segments.put(segment.baseOffset(), segment);
    }

    private long nextBaseOffset(Segment segment) {
        Long next = segments.higherKey(segment.baseOffset());
        return next == null ? logEndOffset : next;
    }

    private RecordError validate(ByteBuffer records) {
        if (records.remaining() > config.segmentBytes()) {
            return RecordError.MESSAGE_TOO_LARGE;
        }
        RecordError error = RecordBatchValidator.validateBatches(records);
        if (error != RecordError.NONE) {
            return error;
        }
        for (int at = records.position(); at < records.limit(); ) {
            int batchBytes = RecordBatch.at(records, at).sizeInBytes();
            if (batchBytes > config.maxMessageBytes()) {
                return RecordError.MESSAGE_TOO_LARGE;
            }
            at += batchBytes;
        }
        return RecordError.NONE;
    }

    /**
     * Deletes segments from the oldest while {@code shouldDelete} holds and they lie wholly below
     * the high watermark; {@code mayRollActive} lets the active segment go too, after a roll.
     */
    private int deleteOldSegments(Predicate<Segment> shouldDelete, boolean mayRollActive) throws IOException {
        int deleted = 0;
        while (true) {
            Segment oldest = segments.firstEntry().getValue();
            boolean active = segments.size() == 1;
            if (oldest.isEmpty() || nextBaseOffset(oldest) > highWatermark || !shouldDelete.test(oldest)
                    || active && !mayRollActive) {
                break;
            }
            if (active) {
                roll();
            }
            segments.pollFirstEntry().getValue().deleteFiles();
            deleted++;
        }
        if (deleted > 0) {
            logStartOffset = Math.max(logStartOffset, segments.firstKey());
            LOG.info("{}: deleted {} segment(s), log start offset now {}", dir.getFileName(), deleted, logStartOffset);
        }
        return deleted;
    }

    /** Opens the segment files in {@code dir}, recovering from the segment containing {@code recoveryPointHint} on. */
    private void loadSegments(long recoveryPointHint) throws IOException {
        TreeSet<Long> logBases = new TreeSet<>();
        List<Long> indexBases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(Segment.LOG_SUFFIX)) {
                    logBases.add(baseOffsetOf(name, Segment.LOG_SUFFIX));
                } else if (name.endsWith(Segment.INDEX_SUFFIX) || name.endsWith(Segment.TIME_INDEX_SUFFIX)) {
                    indexBases.add(baseOffsetOf(name, name.substring(name.lastIndexOf('.'))));
                }
            }
        }
        for (long base : indexBases) {
            if (!logBases.contains(base)) {
                Segment.deleteFiles(dir, base);
            }
        }
        boolean tailCut = false;
        for (long base : logBases) {
            if (tailCut) {
                LOG.warn("{}: deleting segment {} after a torn or corrupt tail", dir.getFileName(), base);
                Segment.deleteFiles(dir, base);
                continue;
            }
            Long next = logBases.higher(base);
            boolean recover = next == null || next > recoveryPointHint;
            Segment segment = Segment.open(dir, base, config, recover);
            if (!segments.isEmpty() && activeSegment().nextOffset() != base) {
                if (!recover) {
                    segment.close();
                    throw new IOException(dir + ": segment " + base + " does not follow offset "
                            + activeSegment().nextOffset() + " below the recovery point");
                }
                LOG.warn("{}: deleting segment {}, which does not follow offset {}", dir.getFileName(), base,
                        activeSegment().nextOffset());
                segment.deleteFiles();
                tailCut = true;
                continue;
            }
            addSegment(segment);
            if (segment.truncatedBytesOnOpen() > 0) {
                LOG.warn("{}: cut {} bytes of torn or corrupt tail from segment {}", dir.getFileName(),
                        segment.truncatedBytesOnOpen(), base);
                tailCut = true;
            }
        }
    }

    private static long baseOffsetOf(String fileName, String suffix) throws IOException {
        String digits = fileName.substring(0, fileName.length() - suffix.length());
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IOException("not a segment file: " + fileName, e);
        }
    }
}
