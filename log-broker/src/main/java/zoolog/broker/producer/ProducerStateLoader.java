package zoolog.broker.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.log.LogReadResult;
import zoolog.broker.log.PartitionLog;
import zoolog.protocol.kafka.record.RecordBatch;

/**
 * Rebuilds a partition's producer state when the partition is opened: the last snapshot (taken at
 * each flush) plus the batches appended after it, read back from the log's batch headers. The
 * replay covers the unflushed tail only, which recovery has just re-checked, so it costs little.
 * A snapshot newer than the log (the log lost its unflushed tail) is discarded and the whole log
 * is replayed.
 */
public final class ProducerStateLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateLoader.class);
    private static final int READ_BYTES_MAX = 1 << 20;

    private ProducerStateLoader() {}

    public static ProducerStateTable load(PartitionLog log, ProducerStateStore store, String topic, int partition)
            throws IOException {
        ProducerStateTable table = new ProducerStateTable();
        long from = log.logStartOffset();
        Optional<byte[]> snapshot = store.load(topic, partition);
        if (snapshot.isPresent()) {
            ProducerStateTable.Restored restored = ProducerStateTable.restore(snapshot.get());
            if (restored.coveredUpToOffset() <= log.logEndOffset()) {
                table = restored.table();
                from = Math.max(from, restored.coveredUpToOffset());
            } else {
                LOG.info("{}-{}: producer-state snapshot covers {} but the log ends at {}; replaying the log", topic,
                        partition, restored.coveredUpToOffset(), log.logEndOffset());
            }
        }
        replay(log, table, from);
        table.onLogStartOffset(log.logStartOffset());
        return table;
    }

    private static void replay(PartitionLog log, ProducerStateTable table, long from) throws IOException {
        long offset = from;
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_BYTES);
        while (offset < log.logEndOffset()) {
            LogReadResult region = log.read(offset, READ_BYTES_MAX, log.logEndOffset(), true);
            if (region.offsetOutOfRange() || region.isEmpty()) {
                return;
            }
            long position = region.positionBytes();
            long end = position + region.sizeInBytes();
            while (position + RecordBatch.HEADER_BYTES <= end) {
                header.clear();
                while (header.hasRemaining()) {
                    if (region.channel().read(header, position + header.position()) < 0) {
                        return;
                    }
                }
                RecordBatch batch = RecordBatch.at(header, 0);
                long lastOffset = batch.lastOffset();
                if (lastOffset >= offset && batch.producerId() >= 0) {
                    table.recordAppend(BatchSequence.of(batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                            batch.lastOffsetDelta()), batch.baseOffset(), lastOffset, -1, batch.maxTimestamp());
                }
                offset = Math.max(offset, lastOffset + 1);
                position += batch.sizeInBytes();
            }
        }
    }
}
