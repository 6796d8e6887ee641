package zoolog.broker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import zoolog.protocol.kafka.record.Record;
import zoolog.protocol.kafka.record.RecordBatchBuilder;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * Model-based test of {@link PartitionLog} against a reference list of batches: random appends,
 * rolls, high watermark moves, retention, DeleteRecords, truncation, clean reopen and crash
 * reopen with a damaged unflushed tail. After every step the log's offsets equal the model's and
 * reading everything back (segment by segment, as a consumer does) gives exactly the model's
 * records with dense offsets. A crash may lose only what was not flushed, and what survives is a
 * prefix of what was appended.
 */
class PartitionLogModelTest {

    sealed interface Action permits Append, Roll, SetHighWatermark, Retention, DeleteRecords, Truncate, Flush,
            Reopen, Crash {
    }

    record Append(int records, int valueBytes, int millisLater) implements Action {
    }

    record Roll() implements Action {
    }

    record SetHighWatermark(double where) implements Action {
    }

    record Retention(int millisLater) implements Action {
    }

    record DeleteRecords(double where) implements Action {
    }

    record Truncate(double where) implements Action {
    }

    record Flush() implements Action {
    }

    record Reopen() implements Action {
    }

    /** Crash: lose the bytes after {@code keep} of the unflushed tail, then garble some, maybe drop an index. */
    record Crash(double keep, int garbageBytes, boolean dropIndexes) implements Action {
    }

    /** One appended batch as the model remembers it. */
    record ModelBatch(long baseOffset, List<byte[]> values, long timestamp, int sizeInBytes) {
        long lastOffset() {
            return baseOffset + values.size() - 1;
        }
    }

    /** jqwik reuses one instance for all tries of a property, so each try resets these first. */
    private final List<ModelBatch> batches = new ArrayList<>();
    private long logStartOffset;
    private long logEndOffset;
    private long highWatermark;
    private long recoveryPoint;
    private long nowMillis = 1_700_000_000_000L;
    private int appends;

    @Property(tries = 150)
    void partitionLogBehavesLikeAListOfBatches(@ForAll("configs") LogConfig config,
                                               @ForAll("actions") List<Action> actions) throws IOException {
        batches.clear();
        logStartOffset = 0;
        logEndOffset = 0;
        highWatermark = 0;
        recoveryPoint = 0;
        Path dir = Files.createTempDirectory("partition-log-model").resolve("topic-0");
        PartitionLog log = PartitionLog.open(dir, config, LogCheckpoint.EMPTY);
        try {
            for (Action action : actions) {
                log = apply(log, config, action);
                check(log, action);
            }
        } finally {
            log.close();
            deleteRecursively(dir.getParent());
        }
    }

    private PartitionLog apply(PartitionLog log, LogConfig config, Action action) throws IOException {
        if (action instanceof Append append) {
            nowMillis += append.millisLater();
            RecordBatchBuilder builder = new RecordBatchBuilder(1 << 16);
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < append.records(); i++) {
                byte[] value = new byte[append.valueBytes()];
                if (value.length >= 8) {
                    ByteBuffer.wrap(value).putInt(appends).putInt(i);
                }
                values.add(value);
                builder.addRecord(nowMillis, null, value);
            }
            appends++;
            ByteBuffer batch = builder.build();
            int batchBytes = batch.remaining();
            LogAppendInfo info = log.appendAsLeader(batch, 3, nowMillis);
            if (batchBytes > config.maxMessageBytes()) {
                assertEquals(RecordError.MESSAGE_TOO_LARGE, info.error(), action.toString());
                return log;
            }
            assertEquals(RecordError.NONE, info.error(), action.toString());
            assertEquals(logEndOffset, info.firstOffset(), action.toString());
            batches.add(new ModelBatch(logEndOffset, values, nowMillis, batch.remaining()));
            logEndOffset += append.records();
        } else if (action instanceof Roll) {
            log.roll();
        } else if (action instanceof SetHighWatermark set) {
            highWatermark = between(set.where(), Math.max(highWatermark, logStartOffset), logEndOffset);
            log.updateHighWatermark(highWatermark);
        } else if (action instanceof Retention retention) {
            nowMillis += retention.millisLater();
            log.deleteRetentionBreachedSegments(nowMillis);
            assertTrue(log.logStartOffset() >= logStartOffset && log.logStartOffset() <= highWatermark);
            logStartOffset = log.logStartOffset();
        } else if (action instanceof DeleteRecords delete) {
            long offset = between(delete.where(), logStartOffset, highWatermark);
            assertTrue(log.deleteRecords(offset));
            logStartOffset = Math.max(logStartOffset, offset);
        } else if (action instanceof Truncate truncate) {
            long offset = between(truncate.where(), logStartOffset, logEndOffset);
            truncateModel(offset);
            log.truncateTo(offset);
        } else if (action instanceof Flush) {
            log.flush();
            recoveryPoint = logEndOffset;
        } else if (action instanceof Reopen) {
            log.close();
            recoveryPoint = logEndOffset;
            return PartitionLog.open(log.dir(), config, new LogCheckpoint(logStartOffset, logEndOffset, highWatermark));
        } else if (action instanceof Crash crash) {
            return crashAndReopen(log, config, crash);
        }
        return log;
    }

    private PartitionLog crashAndReopen(PartitionLog log, LogConfig config, Crash crash) throws IOException {
        log.closeHandlers();
        Path dir = log.dir();
        Path activeLog;
        try (Stream<Path> files = Files.list(dir)) {
            activeLog = files.filter(p -> p.toString().endsWith(".log")).max(Comparator.naturalOrder()).orElseThrow();
        }
        long activeBase = Long.parseLong(activeLog.getFileName().toString().replace(".log", ""));
        long flushedBytes = batches.stream()
                .filter(b -> b.baseOffset() >= activeBase && b.lastOffset() < recoveryPoint)
                .mapToLong(ModelBatch::sizeInBytes).sum();
        try (RandomAccessFile file = new RandomAccessFile(activeLog.toFile(), "rw")) {
            long keepBytes = flushedBytes + (long) (crash.keep() * (file.length() - flushedBytes));
            file.setLength(keepBytes);
            file.seek(keepBytes);
            for (int i = 0; i < crash.garbageBytes(); i++) {
                file.write(0x5A ^ i);
            }
        }
        if (crash.dropIndexes()) {
            try (Stream<Path> files = Files.list(dir)) {
                Path oldest = files.filter(p -> p.toString().endsWith(".index")).min(Comparator.naturalOrder())
                        .orElse(dir.resolve("none.index"));
                Files.deleteIfExists(oldest);
                Files.deleteIfExists(dir.resolve(oldest.getFileName().toString().replace(".index", ".timeindex")));
            }
        }
        PartitionLog reopened = PartitionLog.open(dir, config,
                new LogCheckpoint(logStartOffset, recoveryPoint, highWatermark));
        long survived = reopened.logEndOffset();
        assertTrue(survived >= recoveryPoint, "lost flushed data: " + survived + " < " + recoveryPoint);
        assertTrue(survived == logEndOffset || batches.stream().anyMatch(b -> b.baseOffset() == survived),
                "log end " + survived + " is not a batch boundary");
        truncateModel(survived);
        return reopened;
    }

    private void truncateModel(long offset) {
        batches.removeIf(b -> b.lastOffset() >= offset);
        logEndOffset = batches.isEmpty() ? 0 : batches.get(batches.size() - 1).lastOffset() + 1;
        logStartOffset = Math.min(logStartOffset, logEndOffset);
        highWatermark = Math.min(highWatermark, logEndOffset);
        recoveryPoint = Math.min(recoveryPoint, logEndOffset);
    }

    private void check(PartitionLog log, Action action) throws IOException {
        String context = action + " -> " + log.checkpoint() + " leo " + log.logEndOffset();
        assertEquals(logEndOffset, log.logEndOffset(), context);
        assertEquals(logStartOffset, log.logStartOffset(), context);
        assertEquals(highWatermark, log.highWatermark(), context);
        List<Record> read = LogContents.readAll(log, logStartOffset, logEndOffset);
        List<Record> committed = LogContents.readAll(log, logStartOffset, highWatermark);
        assertTrue(committed.stream().allMatch(r -> r.offset() < highWatermark), context);
        assertEquals(committed, read.subList(0, committed.size()), context);
        List<byte[]> expected = new ArrayList<>();
        List<Long> expectedOffsets = new ArrayList<>();
        for (ModelBatch batch : batches) {
            for (int i = 0; i < batch.values().size(); i++) {
                if (batch.baseOffset() + i >= logStartOffset) {
                    expected.add(batch.values().get(i));
                    expectedOffsets.add(batch.baseOffset() + i);
                }
            }
        }
        assertEquals(expectedOffsets, read.stream().map(Record::offset).toList(), context);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(Arrays.equals(expected.get(i), read.get(i).value()), context);
        }
        assertTrue(log.read(logStartOffset - 1, 100, logEndOffset, true).offsetOutOfRange() || logStartOffset == 0);
        assertTrue(log.read(logEndOffset + 1, 100, logEndOffset, true).offsetOutOfRange());
    }

    private static long between(double where, long low, long high) {
        return low + (long) (where * (high - low));
    }

    @Provide
    Arbitrary<LogConfig> configs() {
        return Combinators.combine(
                Arbitraries.integers().between(200, 3000),
                Arbitraries.longs().between(50, 5000),
                Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(12, 120),
                Arbitraries.longs().between(-1, 20_000).map(v -> v < 100 ? -1 : v),
                Arbitraries.longs().between(-1, 6000).map(v -> v < 500 ? -1 : v),
                Arbitraries.of(TimestampType.values())
        ).as((segmentBytes, rollMillis, interval, indexBytes, retentionMillis, retentionBytes, type) ->
                new LogConfig(segmentBytes, rollMillis, interval, indexBytes, retentionMillis, retentionBytes,
                        segmentBytes, type));
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(12, Combinators.combine(Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 400)).as(Append::new)),
                Tuple.of(1, Arbitraries.just(new Roll())),
                Tuple.of(3, where.map(SetHighWatermark::new)),
                Tuple.of(2, Arbitraries.integers().between(0, 5000).map(Retention::new)),
                Tuple.of(1, where.map(DeleteRecords::new)),
                Tuple.of(1, where.map(Truncate::new)),
                Tuple.of(2, Arbitraries.just(new Flush())),
                Tuple.of(1, Arbitraries.just(new Reopen())),
                Tuple.of(1, Combinators.combine(where, Arbitraries.integers().between(0, 80),
                        Arbitraries.of(true, false)).as(Crash::new)));
        return action.list().ofMaxSize(60);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
