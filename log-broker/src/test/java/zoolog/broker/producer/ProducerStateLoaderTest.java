package zoolog.broker.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.log.LogCheckpoint;
import zoolog.broker.log.LogConfig;
import zoolog.broker.log.PartitionLog;
import zoolog.broker.state.BrokerStateDb;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchBuilder;

/** A restarted partition still recognises retries: snapshot plus the batches appended after it. */
class ProducerStateLoaderTest {

    private static final long PID = 42;

    @TempDir
    Path dir;

    private static ByteBuffer batch(int firstSequence, int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1 << 16).producer(PID, (short) 0, firstSequence);
        for (int i = 0; i < records; i++) {
            builder.addRecord(1_000 + i, null, new byte[] {1});
        }
        return builder.build();
    }

    private static void append(PartitionLog log, ProducerStateTable table, int firstSequence, int records)
            throws Exception {
        ByteBuffer batch = batch(firstSequence, records);
        RecordBatch header = RecordBatch.at(batch, batch.position());
        BatchSequence sequence = BatchSequence.of(PID, (short) 0, header.baseSequence(), header.lastOffsetDelta());
        assertTrue(table.check(sequence) instanceof SequenceVerdict.Append);
        var info = log.appendAsLeader(batch, 0, 2_000);
        table.recordAppend(sequence, info.firstOffset(), info.lastOffset(), -1, 2_000);
    }

    @Test
    void snapshotPlusReplayedTailRecognisesEveryRecentBatch() throws Exception {
        Path logDir = dir.resolve("t-0");
        try (BrokerStateDb db = BrokerStateDb.open(dir)) {
            ProducerStateStore store = new ProducerStateStore(db);
            PartitionLog log = PartitionLog.open(logDir, LogConfig.defaults(), LogCheckpoint.EMPTY);
            ProducerStateTable table = new ProducerStateTable();
            append(log, table, 0, 3);
            append(log, table, 3, 3);
            store.save("t", 0, table.snapshot(log.logEndOffset()));
            append(log, table, 6, 2);
            LogCheckpoint checkpoint = log.checkpoint();
            log.close();

            PartitionLog reopened = PartitionLog.open(logDir, LogConfig.defaults(), checkpoint);
            ProducerStateTable loaded = ProducerStateLoader.load(reopened, store, "t", 0);
            assertEquals(new SequenceVerdict.Duplicate(3, 5, -1), loaded.check(BatchSequence.of(PID, (short) 0, 3, 2)),
                    "a batch from the snapshot");
            assertEquals(new SequenceVerdict.Duplicate(6, 7, -1), loaded.check(BatchSequence.of(PID, (short) 0, 6, 1)),
                    "a batch replayed from the log after the snapshot");
            assertTrue(loaded.check(BatchSequence.of(PID, (short) 0, 8, 0)) instanceof SequenceVerdict.Append);
            reopened.close();
        }
    }

    @Test
    void aSnapshotNewerThanTheLogIsDiscarded() throws Exception {
        Path logDir = dir.resolve("t-0");
        try (BrokerStateDb db = BrokerStateDb.open(dir)) {
            ProducerStateStore store = new ProducerStateStore(db);
            PartitionLog log = PartitionLog.open(logDir, LogConfig.defaults(), LogCheckpoint.EMPTY);
            ProducerStateTable table = new ProducerStateTable();
            append(log, table, 0, 3);
            store.save("t", 0, table.snapshot(100));
            ProducerStateTable loaded = ProducerStateLoader.load(log, store, "t", 0);
            assertEquals(new SequenceVerdict.Duplicate(0, 2, -1), loaded.check(BatchSequence.of(PID, (short) 0, 0, 2)));
            log.close();
        }
    }
}
