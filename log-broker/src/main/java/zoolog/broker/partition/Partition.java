package zoolog.broker.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import zoolog.broker.log.LogAppendInfo;
import zoolog.broker.log.LogCheckpoint;
import zoolog.broker.log.LogReadResult;
import zoolog.broker.log.PartitionLog;
import zoolog.broker.log.TimestampAndOffset;
import zoolog.broker.producer.BatchSequence;
import zoolog.broker.producer.ProducerStateStore;
import zoolog.broker.producer.ProducerStateTable;
import zoolog.broker.producer.SequenceVerdict;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.RecordError;

/**
 * One partition on this broker: its {@link PartitionLog} plus the replica state that says what
 * the log may serve. The leader appends; the high watermark (HW) is the smallest log end offset
 * (LEO) in the ISR, so while the ISR is this broker alone, HW follows LEO at once and
 * {@code acks=all} is satisfied by the append itself. Consumers read only below HW.
 *
 * <p>Thread-safety: every public method takes the partition's lock, so producers on different
 * connections append one at a time and readers see a consistent log. A read hands out a file
 * region below HW; bytes there never change, so it is sent after the lock is released.
 */
public final class Partition {

    /** ListOffsets' special timestamps. */
    public static final long LATEST_TIMESTAMP = -1;
    public static final long EARLIEST_TIMESTAMP = -2;

    private final TopicPartition topicPartition;
    private final String topicId;
    private final int localBrokerId;
    private final PartitionLog log;
    private final FlushPolicy flushPolicy;
    private final ProducerStateTable producers;
    private final ProducerStateStore producerStore;
    private final ReentrantLock lock = new ReentrantLock();
    private ReplicaState state;
    private long unflushedMessages;
    private boolean deleted;

    Partition(TopicPartition topicPartition, String topicId, int localBrokerId, PartitionLog log, ReplicaState state,
              FlushPolicy flushPolicy, ProducerStateTable producers, ProducerStateStore producerStore) {
        this.producers = producers;
        this.producerStore = producerStore;
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.localBrokerId = localBrokerId;
        this.log = log;
        this.state = state;
        this.flushPolicy = flushPolicy;
        // A leader that is its whole ISR has every record it holds committed, including a tail
        // recovered after a crash whose high-watermark checkpoint was older.
        advanceHighWatermark();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public String topicId() {
        return topicId;
    }

    public ReplicaState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Appends one producer batch as leader; see the class comment for when HW moves. */
    public AppendOutcome appendAsLeader(ByteBuffer batch, short requiredAcks, int minInsyncReplicas, long nowMillis)
            throws IOException {
        lock.lock();
        try {
            if (deleted) {
                return AppendOutcome.failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
            }
            if (state.leader() != localBrokerId) {
                return AppendOutcome.failed(KafkaError.NOT_LEADER_OR_FOLLOWER);
            }
            if (requiredAcks == -1 && state.isr().size() < minInsyncReplicas) {
                return AppendOutcome.failed(KafkaError.NOT_ENOUGH_REPLICAS);
            }
            BatchSequence sequence = sequenceOf(batch);
            if (sequence != null) {
                SequenceVerdict verdict = producers.check(sequence);
                if (verdict instanceof SequenceVerdict.Duplicate duplicate) {
                    return new AppendOutcome(KafkaError.NONE, duplicate.firstOffset(), duplicate.logAppendTimeMs(),
                            log.logStartOffset());
                }
                if (verdict instanceof SequenceVerdict.Reject reject) {
                    return AppendOutcome.failed(reject.error());
                }
            }
            LogAppendInfo info = log.appendAsLeader(batch, state.leaderEpoch(), nowMillis);
            if (info.error() != RecordError.NONE) {
                return AppendOutcome.failed(toKafkaError(info.error()));
            }
            if (sequence != null) {
                producers.recordAppend(sequence, info.firstOffset(), info.lastOffset(), info.logAppendTimeMillis(),
                        nowMillis);
            }
            advanceHighWatermark();
            unflushedMessages += info.recordsCount();
            if (flushPolicy.flushAfter(unflushedMessages)) {
                flushLocked();
            }
            return new AppendOutcome(KafkaError.NONE, info.firstOffset(), info.logAppendTimeMillis(),
                    log.logStartOffset());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads whole batches from {@code fetchOffset} for a consumer: below HW, at most
     * {@code maxBytes} unless the first batch is larger and {@code minOneBatch}.
     */
    public ReadOutcome read(long fetchOffset, int maxBytes, boolean minOneBatch) throws IOException {
        lock.lock();
        try {
            if (deleted) {
                return ReadOutcome.failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
            }
            if (state.leader() != localBrokerId) {
                return ReadOutcome.failed(KafkaError.NOT_LEADER_OR_FOLLOWER);
            }
            long highWatermark = log.highWatermark();
            LogReadResult result = log.read(fetchOffset, maxBytes, highWatermark, minOneBatch);
            if (result.offsetOutOfRange()) {
                return new ReadOutcome(KafkaError.OFFSET_OUT_OF_RANGE, highWatermark, highWatermark,
                        log.logStartOffset(), null);
            }
            return new ReadOutcome(KafkaError.NONE, highWatermark, highWatermark, log.logStartOffset(), result);
        } finally {
            lock.unlock();
        }
    }

    /**
     * ListOffsets: the log start offset for {@link #EARLIEST_TIMESTAMP}, HW for
     * {@link #LATEST_TIMESTAMP}, else the first offset below HW whose timestamp is at least
     * {@code timestamp}; empty when there is none.
     */
    public Optional<TimestampAndOffset> offsetFor(long timestamp) throws IOException {
        lock.lock();
        try {
            if (timestamp == EARLIEST_TIMESTAMP) {
                return Optional.of(new TimestampAndOffset(-1, log.logStartOffset()));
            }
            if (timestamp == LATEST_TIMESTAMP) {
                return Optional.of(new TimestampAndOffset(-1, log.highWatermark()));
            }
            return log.offsetForTimestamp(timestamp).filter(found -> found.offset() < log.highWatermark());
        } finally {
            lock.unlock();
        }
    }

    /** DeleteRecords up to {@code offset} (-1 = HW); the new log start offset, or empty when out of range. */
    public Optional<Long> deleteRecordsBefore(long offset) throws IOException {
        lock.lock();
        try {
            long target = offset == -1 ? log.highWatermark() : offset;
            if (target < 0 || !log.deleteRecords(target)) {
                return Optional.empty();
            }
            return Optional.of(log.logStartOffset());
        } finally {
            lock.unlock();
        }
    }

    public boolean isLeader() {
        return state().leader() == localBrokerId;
    }

    public long highWatermark() {
        lock.lock();
        try {
            return log.highWatermark();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fsyncs what was appended since the last flush; the recovery point moves to LEO. The bulk of
     * the fsync happens before the lock is taken, so producers are held up only by the remainder.
     */
    public void flush() throws IOException {
        List<FileChannel> files;
        lock.lock();
        try {
            if (deleted) {
                return;
            }
            files = log.unflushedSegmentFiles();
        } finally {
            lock.unlock();
        }
        for (FileChannel file : files) {
            try {
                file.force(false);
            } catch (ClosedChannelException segmentDeletedMeanwhile) {
                // Retention or deletion removed it; the flush below no longer needs it.
            }
        }
        lock.lock();
        try {
            if (!deleted) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The offsets the log directory's checkpoint files record for this partition. */
    public LogCheckpoint checkpoint() {
        lock.lock();
        try {
            return log.checkpoint();
        } finally {
            lock.unlock();
        }
    }

    /** Deletes segments past retention; the number deleted. */
    public int applyRetention(long nowMillis) throws IOException {
        lock.lock();
        try {
            return deleted ? 0 : log.deleteRetentionBreachedSegments(nowMillis);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes and closes the log (broker shutdown). */
    void close() throws IOException {
        lock.lock();
        try {
            if (!deleted) {
                log.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the partition deleted (every later call answers UNKNOWN_TOPIC_OR_PARTITION) and
     * closes its files; the caller removes the directory.
     */
    void markDeletedAndClose() throws IOException {
        lock.lock();
        try {
            if (!deleted) {
                deleted = true;
                log.closeHandlers();
                producerStore.remove(topicPartition.topic(), topicPartition.partition());
            }
        } finally {
            lock.unlock();
        }
    }

    PartitionLog log() {
        return log;
    }

    private void advanceHighWatermark() {
        if (state.isr().size() == 1 && state.isr().get(0) == localBrokerId) {
            log.updateHighWatermark(log.logEndOffset());
        }
    }

    /**
     * Fsyncs the log, then saves the producer state as of the new recovery point: a restart
     * loads that snapshot and replays only the batches after it, which recovery re-checks anyway.
     */
    private void flushLocked() throws IOException {
        log.flush();
        unflushedMessages = 0;
        producers.onLogStartOffset(log.logStartOffset());
        producerStore.save(topicPartition.topic(), topicPartition.partition(), producers.snapshot(log.logEndOffset()));
    }

    /** The producer identity of an idempotent batch, or null for a batch without a producer id. */
    private static BatchSequence sequenceOf(ByteBuffer buffer) {
        RecordBatch batch = RecordBatch.at(buffer, buffer.position());
        if (batch.producerId() < 0) {
            return null;
        }
        return BatchSequence.of(batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                batch.lastOffsetDelta());
    }

    private static KafkaError toKafkaError(RecordError error) {
        return switch (error) {
            case CORRUPT_MESSAGE -> KafkaError.CORRUPT_MESSAGE;
            case MESSAGE_TOO_LARGE -> KafkaError.MESSAGE_TOO_LARGE;
            case UNSUPPORTED_FOR_MESSAGE_FORMAT -> KafkaError.UNSUPPORTED_FOR_MESSAGE_FORMAT;
            case UNSUPPORTED_COMPRESSION_TYPE -> KafkaError.UNSUPPORTED_COMPRESSION_TYPE;
            case INVALID_RECORD -> KafkaError.INVALID_RECORD;
            case NONE -> KafkaError.NONE;
        };
    }
}
