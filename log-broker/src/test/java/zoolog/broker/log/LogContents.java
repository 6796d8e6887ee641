package zoolog.broker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import zoolog.protocol.kafka.record.Record;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordBatchValidator;
import zoolog.protocol.kafka.record.RecordError;
import zoolog.protocol.kafka.record.RecordReader;

/** Test helpers that read a {@link PartitionLog} back through its public read path. */
final class LogContents {

    private LogContents() {
    }

    /** Copies the bytes of a read result into a heap buffer. */
    static ByteBuffer bytesOf(LogReadResult result) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(result.sizeInBytes());
        while (bytes.hasRemaining()) {
            int read = result.channel().read(bytes, result.positionBytes() + bytes.position());
            if (read < 0) {
                throw new IOException("region past the end of the file");
            }
        }
        return bytes.flip();
    }

    /** The batches in a read result, each checked to be whole and valid. */
    static List<RecordBatch> batchesOf(LogReadResult result) throws IOException {
        ByteBuffer bytes = bytesOf(result);
        List<RecordBatch> batches = new ArrayList<>();
        for (int at = 0; at < bytes.limit(); ) {
            RecordBatch batch = RecordBatch.at(bytes, at);
            assertEquals(RecordError.NONE, RecordBatchValidator.validate(batch, bytes.limit() - at), "batch at " + at);
            batches.add(batch);
            at += batch.sizeInBytes();
        }
        return batches;
    }

    /**
     * Every record from {@code fromOffset} below {@code upperBound}, read segment by segment as a
     * consumer would, checking that each read starts at the batch holding the fetch offset and
     * that offsets are dense.
     */
    static List<Record> readAll(PartitionLog log, long fromOffset, long upperBound) throws IOException {
        List<Record> records = new ArrayList<>();
        long fetchOffset = fromOffset;
        while (fetchOffset < upperBound) {
            LogReadResult result = log.read(fetchOffset, 1 << 20, upperBound, true);
            assertFalse(result.offsetOutOfRange());
            if (result.isEmpty()) {
                break;
            }
            List<RecordBatch> batches = batchesOf(result);
            RecordBatch first = batches.get(0);
            if (first.baseOffset() > fetchOffset || first.lastOffset() < fetchOffset) {
                throw new AssertionError("read at " + fetchOffset + " starts with " + first);
            }
            long expected = first.baseOffset();
            for (RecordBatch batch : batches) {
                assertEquals(expected, batch.baseOffset(), "dense offsets");
                if (batch.lastOffset() >= upperBound) {
                    throw new AssertionError(batch + " passes the upper bound " + upperBound);
                }
                for (Record record : RecordReader.decode(batch)) {
                    if (record.offset() >= fetchOffset) {
                        records.add(record);
                    }
                }
                expected = batch.nextOffset();
            }
            fetchOffset = expected;
        }
        return records;
    }
}
