package zoolog.broker.producer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import zoolog.protocol.kafka.KafkaError;

/**
 * One partition's idempotent-producer state: per producer id, its epoch and its last
 * {@value #BATCHES_RETAINED_MAX} batches (sequence range and the offsets they were stored at).
 * With it the leader recognises a retried batch (acknowledged again with its first offsets, not
 * appended twice) and a gap in the sequence (OUT_OF_ORDER_SEQUENCE_NUMBER), following Kafka 3.9's
 * {@code ProducerAppendInfo.checkSequence}. Pure and not thread-safe: the partition's lock guards it.
 *
 * <p>Snapshot format (big-endian): int version 1, long covered-up-to offset, int producers, then
 * per producer long id, short epoch, long last-append time, int batches, and per batch int first
 * and last sequence, long first and last offset, long LogAppendTime.
 */
public final class ProducerStateTable {

    /** Batches remembered per producer: Kafka's NUM_BATCHES_TO_RETAIN, the producer's in-flight limit. */
    public static final int BATCHES_RETAINED_MAX = 5;
    private static final int SNAPSHOT_VERSION = 1;

    private record BatchRecord(int firstSequence, int lastSequence, long firstOffset, long lastOffset,
                               long logAppendTimeMs) {}

    private static final class Producer {
        short epoch;
        long lastAppendMillis;
        final ArrayDeque<BatchRecord> batches = new ArrayDeque<>();
    }

    private final Map<Long, Producer> producers = new HashMap<>();

    public SequenceVerdict check(BatchSequence batch) {
        if (batch.producerId() < 0) {
            return SequenceVerdict.APPEND;
        }
        Producer producer = producers.get(batch.producerId());
        if (producer == null || producer.batches.isEmpty()) {
            return SequenceVerdict.APPEND;
        }
        if (batch.producerEpoch() < producer.epoch) {
            return new SequenceVerdict.Reject(KafkaError.INVALID_PRODUCER_EPOCH);
        }
        if (batch.producerEpoch() > producer.epoch) {
            return batch.firstSequence() == 0 ? SequenceVerdict.APPEND
                    : new SequenceVerdict.Reject(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        }
        for (BatchRecord stored : producer.batches) {
            if (stored.firstSequence() == batch.firstSequence() && stored.lastSequence() == batch.lastSequence()) {
                return new SequenceVerdict.Duplicate(stored.firstOffset(), stored.lastOffset(), stored.logAppendTimeMs());
            }
        }
        int expected = BatchSequence.incrementSequence(producer.batches.getLast().lastSequence(), 1);
        return batch.firstSequence() == expected ? SequenceVerdict.APPEND
                : new SequenceVerdict.Reject(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    /** Records a checked batch appended at [firstOffset, lastOffset] at {@code nowMillis}. */
    public void recordAppend(BatchSequence batch, long firstOffset, long lastOffset, long logAppendTimeMs,
                             long nowMillis) {
        if (batch.producerId() < 0) {
            return;
        }
        Producer producer = producers.computeIfAbsent(batch.producerId(), id -> new Producer());
        if (batch.producerEpoch() != producer.epoch) {
            producer.batches.clear();
            producer.epoch = batch.producerEpoch();
        }
        producer.batches.addLast(new BatchRecord(batch.firstSequence(), batch.lastSequence(), firstOffset, lastOffset,
                logAppendTimeMs));
        while (producer.batches.size() > BATCHES_RETAINED_MAX) {
            producer.batches.removeFirst();
        }
        producer.lastAppendMillis = Math.max(producer.lastAppendMillis, nowMillis);
    }

    /** The log now ends before {@code offset}: forget batches at or after it. */
    public void truncateTo(long offset) {
        removeIf(batch -> batch.lastOffset() >= offset);
    }

    /** The log now starts at {@code logStartOffset}: forget producers whose batches all lie below it. */
    public void onLogStartOffset(long logStartOffset) {
        producers.values().removeIf(p -> !p.batches.isEmpty() && p.batches.getLast().lastOffset() < logStartOffset);
    }

    public int producerCount() {
        return producers.size();
    }

    public byte[] snapshot(long coveredUpToOffset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SNAPSHOT_VERSION);
            out.writeLong(coveredUpToOffset);
            out.writeInt(producers.size());
            for (Map.Entry<Long, Producer> entry : producers.entrySet()) {
                Producer p = entry.getValue();
                out.writeLong(entry.getKey());
                out.writeShort(p.epoch);
                out.writeLong(p.lastAppendMillis);
                out.writeInt(p.batches.size());
                for (BatchRecord b : p.batches) {
                    out.writeInt(b.firstSequence());
                    out.writeInt(b.lastSequence());
                    out.writeLong(b.firstOffset());
                    out.writeLong(b.lastOffset());
                    out.writeLong(b.logAppendTimeMs());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** A table read back from {@link #snapshot}, and the log end offset it covered. */
    public record Restored(ProducerStateTable table, long coveredUpToOffset) {}

    public static Restored restore(byte[] snapshot) throws IOException {
        ProducerStateTable table = new ProducerStateTable();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int version = in.readInt();
            if (version != SNAPSHOT_VERSION) {
                throw new IOException("unknown producer-state snapshot version " + version);
            }
            long covered = in.readLong();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Producer p = new Producer();
                long id = in.readLong();
                p.epoch = in.readShort();
                p.lastAppendMillis = in.readLong();
                int batches = in.readInt();
                for (int b = 0; b < batches; b++) {
                    p.batches.addLast(new BatchRecord(in.readInt(), in.readInt(), in.readLong(), in.readLong(),
                            in.readLong()));
                }
                table.producers.put(id, p);
            }
            return new Restored(table, covered);
        }
    }

    private void removeIf(java.util.function.Predicate<BatchRecord> doomed) {
        Iterator<Producer> it = producers.values().iterator();
        while (it.hasNext()) {
            Producer p = it.next();
            p.batches.removeIf(doomed);
            if (p.batches.isEmpty()) {
                it.remove();
            }
        }
    }
}
