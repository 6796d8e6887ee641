package zoolog.broker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchBuilder;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.TimestampType;

/** Examples of {@link PartitionLog}'s behaviour, one rule each; the model test covers their mixtures. */
class PartitionLogTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    private static LogConfig config(int segmentBytes, long retentionMillis, long retentionBytes, TimestampType type) {
        return new LogConfig(segmentBytes, LogConfig.ROLL_MILLIS_DEFAULT, 0, 1024, retentionMillis, retentionBytes,
                segmentBytes, type);
    }

    /** A batch of {@code records} 100-byte values with timestamps from {@code firstTimestamp}, 10 ms apart. */
    private static ByteBuffer batch(int records, long firstTimestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1 << 16);
        for (int i = 0; i < records; i++) {
            builder.addRecord(firstTimestamp + 10L * i, null, new byte[100]);
        }
        return builder.build();
    }

    private PartitionLog open(LogConfig config) throws IOException {
        return PartitionLog.open(tmp.resolve("orders-0"), config, LogCheckpoint.EMPTY);
    }

    @Test
    void appendAssignsOffsetsAndSegmentsAreNamedByBaseOffset() throws IOException {
        PartitionLog log = open(config(1000, -1, -1, TimestampType.CREATE_TIME));
        for (int i = 0; i < 10; i++) {
            LogAppendInfo info = log.appendAsLeader(batch(3, T0), 5, T0);
            assertEquals(new LogAppendInfo(RecordError.NONE, 3L * i, 3L * i + 2, -1, 3), info);
        }
        log.flush();
        assertEquals(30, log.logEndOffset());
        assertTrue(log.segmentCount() > 1);
        try (Stream<Path> files = Files.list(log.dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.containsAll(List.of("00000000000000000000.log", "00000000000000000000.index",
                    "00000000000000000000.timeindex")), names.toString());
        }
        RecordBatch first = LogContents.batchesOf(log.read(4, 1 << 20, 30, true)).get(0);
        assertEquals(3, first.baseOffset(), "the read starts at the batch containing the fetch offset");
        assertEquals(5, first.partitionLeaderEpoch());
        log.close();
    }

    @Test
    void logAppendTimeTopicsStampTheLeadersClock() throws IOException {
        PartitionLog log = open(config(1 << 20, -1, -1, TimestampType.LOG_APPEND_TIME));
        LogAppendInfo info = log.appendAsLeader(batch(2, T0), 0, T0 + 5_000);
        RecordBatch stored = LogContents.batchesOf(log.read(0, 1 << 20, 2, true)).get(0);
        assertEquals(T0 + 5_000, info.logAppendTimeMillis());
        assertEquals(TimestampType.LOG_APPEND_TIME, stored.timestampType());
        assertEquals(T0 + 5_000, stored.maxTimestamp());
        log.close();
    }

    @Test
    void invalidOrOversizedBatchesAreRefusedAndNothingIsStored() throws IOException {
        PartitionLog log = open(config(1000, -1, -1, TimestampType.CREATE_TIME));
        ByteBuffer corrupt = batch(2, T0);
        corrupt.put(corrupt.limit() - 1, (byte) 1);
        assertEquals(RecordError.CORRUPT_MESSAGE, log.appendAsLeader(corrupt, 0, T0).error());
        assertEquals(RecordError.MESSAGE_TOO_LARGE, log.appendAsLeader(batch(10, T0), 0, T0).error());
        assertEquals(0, log.logEndOffset());
        assertEquals(0, log.sizeInBytes());
        log.close();
    }

    @Test
    void readsHonourMaxBytesWithWholeBatchesAndTheUpperBound() throws IOException {
        PartitionLog log = open(config(1 << 20, -1, -1, TimestampType.CREATE_TIME));
        int batchBytes = batch(1, T0).remaining();
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(1, T0), 0, T0);
        }
        assertEquals(3 * batchBytes, log.read(0, 3 * batchBytes + batchBytes / 2, 10, false).sizeInBytes());
        assertTrue(log.read(0, batchBytes - 1, 10, false).isEmpty());
        assertEquals(batchBytes, log.read(0, batchBytes - 1, 10, true).sizeInBytes(), "KIP-74: one batch anyway");
        assertEquals(4 * batchBytes, log.read(2, 1 << 20, 6, true).sizeInBytes());
        assertTrue(log.read(10, 1 << 20, 10, true).isEmpty());
        assertTrue(log.read(11, 1 << 20, 10, true).offsetOutOfRange());
        log.close();
    }

    @Test
    void offsetForTimestampFindsTheFirstRecordAtOrAfter() throws IOException {
        PartitionLog log = open(config(1000, -1, -1, TimestampType.CREATE_TIME));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(3, T0 + 1000L * i), 0, T0);
        }
        assertEquals(Optional.of(new TimestampAndOffset(T0, 0)), log.offsetForTimestamp(T0 - 1));
        assertEquals(Optional.of(new TimestampAndOffset(T0 + 5000 + 20, 17)), log.offsetForTimestamp(T0 + 5015));
        assertEquals(Optional.empty(), log.offsetForTimestamp(T0 + 9021));
        log.close();
    }

    @Test
    void retentionDeletesWholeSegmentsBelowTheHighWatermarkOnly() throws IOException {
        PartitionLog log = open(config(1000, 60_000, -1, TimestampType.CREATE_TIME));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(3, T0), 0, T0);
        }
        assertEquals(0, log.deleteRetentionBreachedSegments(T0 + 120_000), "nothing committed yet");
        log.updateHighWatermark(30);
        int segments = log.segmentCount();
        assertEquals(segments, log.deleteRetentionBreachedSegments(T0 + 120_000));
        assertEquals(30, log.logStartOffset());
        assertEquals(30, log.logEndOffset());
        assertEquals(1, log.segmentCount());
        log.close();
    }

    @Test
    void retentionBytesKeepsTheNewestSegments() throws IOException {
        PartitionLog log = open(config(1000, -1, 1500, TimestampType.CREATE_TIME));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(3, T0), 0, T0);
        }
        log.updateHighWatermark(30);
        log.deleteRetentionBreachedSegments(T0);
        assertTrue(log.sizeInBytes() <= 1500 + 1000, "at most one segment over the limit");
        assertTrue(log.logStartOffset() > 0);
        assertEquals(log.logStartOffset(), LogContents.readAll(log, log.logStartOffset(), 30).get(0).offset());
        log.close();
    }

    @Test
    void deleteRecordsIsBoundedByTheHighWatermark() throws IOException {
        PartitionLog log = open(config(1000, -1, -1, TimestampType.CREATE_TIME));
        for (int i = 0; i < 10; i++) {
            log.appendAsLeader(batch(3, T0), 0, T0);
        }
        log.updateHighWatermark(20);
        assertFalse(log.deleteRecords(21));
        assertTrue(log.deleteRecords(19));
        assertEquals(19, log.logStartOffset());
        assertTrue(log.read(18, 100, 30, true).offsetOutOfRange());
        assertEquals(19, LogContents.readAll(log, 19, 30).get(0).offset());
        log.close();
    }

    @Test
    void aTornTailIsCutAtTheLastValidBatchAndAGarbledIndexIsRebuilt() throws IOException {
        LogConfig config = config(1 << 20, -1, -1, TimestampType.CREATE_TIME);
        PartitionLog log = open(config);
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(batch(2, T0), 0, T0);
        }
        log.flush();
        log.appendAsLeader(batch(2, T0), 0, T0);
        log.closeHandlers();
        Path segmentLog = log.dir().resolve("00000000000000000000.log");
        long size = Files.size(segmentLog);
        try (FileChannel channel = FileChannel.open(segmentLog, StandardOpenOption.WRITE)) {
            channel.truncate(size - 7);
        }
        Files.write(log.dir().resolve("00000000000000000000.index"), new byte[5]);

        PartitionLog reopened = PartitionLog.open(log.dir(), config, new LogCheckpoint(0, 40, 0));
        assertEquals(40, reopened.logEndOffset());
        assertEquals(40, LogContents.readAll(reopened, 0, 40).size());
        LogAppendInfo info = reopened.appendAsLeader(batch(1, T0), 0, T0);
        assertEquals(40, info.firstOffset());
        reopened.close();
    }
}
