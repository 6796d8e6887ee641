package zoolog.bench.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import zoolog.broker.log.LogCheckpoint;
import zoolog.broker.log.LogConfig;
import zoolog.broker.log.LogReadResult;
import zoolog.broker.log.PartitionLog;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchBuilder;
import zoolog.protocol.kafka.record.RecordBatchValidator;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * The broker's storage hot paths: validating a batch (CRC-32C plus record framing), appending a
 * batch to a partition log (validation, offset assignment, a write to the page cache, indexing;
 * no fsync), finding the batch that holds a fetch offset (offset index binary search plus a short
 * header walk), and the fetch read path up to the file region that zero-copy would send. The
 * read benchmarks use a 100 MB log of 1 KB batches in 64 MB segments. One JMH thread owns each
 * state, as one partition thread owns a log.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PartitionLogBench {

    private static final int RECORD_BYTES = 1024;
    /** A producer-sized batch: 16 records of 1 KB (the Java producer's default batch.size is 16 KB). */
    private static final int APPEND_BATCH_RECORDS = 16;
    /** The biggest batch the validation benchmark builds: 1 MB, Kafka's default max.message.bytes. */
    private static final int VALIDATE_BATCH_RECORDS = 1000;
    private static final int READ_LOG_BATCHES = 100_000;
    private static final int SEGMENT_BYTES = 64 * 1024 * 1024;
    /** Appends start over after this many bytes so the benchmark does not fill the disk. */
    private static final long APPEND_LOG_BYTES_MAX = 512L * 1024 * 1024;
    private static final int FETCH_MAX_BYTES = 1024 * 1024;
    private static final long T0 = 1_700_000_000_000L;

    private final SplittableRandom random = new SplittableRandom(42);
    private Path dir;
    private ByteBuffer validateBatch;
    private ByteBuffer appendBatch;
    private PartitionLog appendLog;
    private PartitionLog readLog;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("partition-log-bench");
        validateBatch = batch(VALIDATE_BATCH_RECORDS);
        appendBatch = batch(APPEND_BATCH_RECORDS);
        LogConfig config = new LogConfig(SEGMENT_BYTES, LogConfig.ROLL_MILLIS_DEFAULT,
                LogConfig.INDEX_INTERVAL_BYTES_DEFAULT, LogConfig.INDEX_BYTES_MAX_DEFAULT, -1, -1,
                LogConfig.MAX_MESSAGE_BYTES_DEFAULT, TimestampType.CREATE_TIME);
        appendLog = PartitionLog.open(dir.resolve("append-0"), config, LogCheckpoint.EMPTY);
        readLog = PartitionLog.open(dir.resolve("read-0"), config, LogCheckpoint.EMPTY);
        ByteBuffer oneRecord = batch(1);
        for (int i = 0; i < READ_LOG_BATCHES; i++) {
            readLog.appendAsLeader(oneRecord.duplicate(), 0, T0);
        }
        readLog.updateHighWatermark(readLog.logEndOffset());
        System.out.printf("%nvalidate batch %d bytes, append batch %d bytes, read log %d bytes in %d segments%n",
                validateBatch.remaining(), appendBatch.remaining(), readLog.sizeInBytes(), readLog.segmentCount());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        appendLog.close();
        readLog.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Structural validation of a 1 MB batch: CRC-32C over it and a walk over its 1000 records. */
    @Benchmark
    public RecordError validateOneMegabyteBatch() {
        return RecordBatchValidator.validate(RecordBatch.at(validateBatch, 0), validateBatch.remaining());
    }

    /** Appends a 16 KB batch as leader (validation, offsets, page-cache write, indexing). */
    @Benchmark
    public long append16KilobyteBatch() throws IOException {
        if (appendLog.sizeInBytes() > APPEND_LOG_BYTES_MAX) {
            appendLog.truncateFullyAndStartAt(0);
        }
        return appendLog.appendAsLeader(appendBatch.duplicate(), 0, T0).lastOffset();
    }

    /** Finds the batch holding a random offset: segment map, offset index, header walk; returns no bytes. */
    @Benchmark
    public LogReadResult lookupFetchOffset() throws IOException {
        return readLog.read(random.nextLong(READ_LOG_BATCHES), 0, READ_LOG_BATCHES, false);
    }

    /** The fetch read path at a random offset, up to a 1 MB region of whole batches below the high watermark. */
    @Benchmark
    public LogReadResult readOneMegabyteRegion() throws IOException {
        return readLog.read(random.nextLong(READ_LOG_BATCHES), FETCH_MAX_BYTES, readLog.highWatermark(), true);
    }

    private static ByteBuffer batch(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(2 * VALIDATE_BATCH_RECORDS * RECORD_BYTES);
        byte[] value = new byte[RECORD_BYTES - 40];
        for (int i = 0; i < records; i++) {
            value[i % value.length] = (byte) i;
            builder.addRecord(T0 + i, ("key-" + i).getBytes(), value);
        }
        return builder.build();
    }
}
