package zoolog.broker.partition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.log.LogCheckpoint;
import zoolog.broker.log.LogConfig;
import zoolog.broker.log.PartitionLog;
import zoolog.broker.producer.ProducerStateLoader;
import zoolog.broker.producer.ProducerStateStore;
import zoolog.broker.producer.ProducerStateTable;
import zoolog.protocol.kafka.KafkaError;

/**
 * The partitions this broker hosts, by name, and the broker-wide duties over all of them:
 * producing (which wakes waiting fetches), periodic flushes, checkpoints and retention, and
 * adding or removing partitions as topics come and go. Logs found on disk at start wait in
 * {@link #unattached} until the topic metadata says which partitions still exist; the rest are
 * strays of topics deleted while the broker was down and are removed. Thread-safe.
 */
public final class ReplicaManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaManager.class);

    private final int brokerId;
    private final LogManager logManager;
    private final FlushPolicy flushPolicy;
    private final ProducerStateStore producerStore;
    private final Map<TopicPartition, PartitionLog> unattached;
    private final ConcurrentHashMap<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final AppendListeners appendListeners = new AppendListeners();

    public ReplicaManager(int brokerId, LogManager logManager, Map<TopicPartition, PartitionLog> logsOnDisk,
                          FlushPolicy flushPolicy, ProducerStateStore producerStore) {
        this.brokerId = brokerId;
        this.producerStore = producerStore;
        this.logManager = logManager;
        this.flushPolicy = flushPolicy;
        this.unattached = new ConcurrentHashMap<>(logsOnDisk);
    }

    public int brokerId() {
        return brokerId;
    }

    public AppendListeners appendListeners() {
        return appendListeners;
    }

    /** The hosted partition, or null. */
    public Partition partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }

    /**
     * Hosts {@code tp} with {@code state}: adopts its log from disk when one was found at start,
     * else creates an empty one. Idempotent.
     */
    public Partition host(TopicPartition tp, String topicId, LogConfig config, ReplicaState state) throws IOException {
        Partition existing = partitions.get(tp);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = partitions.get(tp);
            if (existing != null) {
                return existing;
            }
            PartitionLog log = unattached.remove(tp);
            if (log == null) {
                log = logManager.create(tp, config);
            }
            ProducerStateTable producers = ProducerStateLoader.load(log, producerStore, tp.topic(), tp.partition());
            Partition partition = new Partition(tp, topicId, brokerId, log, state, flushPolicy, producers,
                    producerStore);
            partitions.put(tp, partition);
            return partition;
        }
    }

    /** Appends a producer batch to {@code tp} and wakes fetches waiting on it. */
    public AppendOutcome append(TopicPartition tp, ByteBuffer batch, short requiredAcks, int minInsyncReplicas,
                                long nowMillis) throws IOException {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            return AppendOutcome.failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        int bytes = batch.remaining();
        AppendOutcome outcome = partition.appendAsLeader(batch, requiredAcks, minInsyncReplicas, nowMillis);
        if (outcome.error() == KafkaError.NONE) {
            appendListeners.appended(tp, bytes);
        }
        return outcome;
    }

    /** Stops hosting every partition of {@code topic} and deletes their logs; never throws. */
    public void removeTopic(String topic) {
        List<TopicPartition> doomed = new ArrayList<>();
        partitions.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(doomed::add);
        unattached.keySet().stream().filter(tp -> tp.topic().equals(topic)).forEach(doomed::add);
        for (TopicPartition tp : doomed) {
            removePartition(tp);
        }
    }

    /** Deletes logs found on disk whose partitions are not in {@code existing} (strays). */
    public void removeStrays(Set<TopicPartition> existing) {
        for (TopicPartition tp : List.copyOf(unattached.keySet())) {
            if (!existing.contains(tp)) {
                LOG.info("{}: removing the log of a partition that no longer exists", tp);
                removePartition(tp);
            }
        }
    }

    /** Fsyncs every partition (the periodic {@code log.flush.interval.ms} flush and shutdown). */
    public void flushAll() {
        for (Partition partition : partitions.values()) {
            try {
                partition.flush();
            } catch (IOException e) {
                LOG.error("{}: flush failed: {}", partition.topicPartition(), e.toString());
            }
        }
    }

    /** Writes every log directory's checkpoint files. */
    public void checkpointAll() throws IOException {
        Map<TopicPartition, LogCheckpoint> checkpoints = new HashMap<>();
        for (Partition partition : partitions.values()) {
            checkpoints.put(partition.topicPartition(), partition.checkpoint());
        }
        unattached.forEach((tp, log) -> checkpoints.put(tp, log.checkpoint()));
        logManager.writeCheckpoints(checkpoints);
    }

    /** Applies time and size retention to every partition. */
    public void applyRetention(long nowMillis) {
        for (Partition partition : partitions.values()) {
            try {
                partition.applyRetention(nowMillis);
            } catch (IOException e) {
                LOG.error("{}: retention failed: {}", partition.topicPartition(), e.toString());
            }
        }
    }

    /** Flushes, checkpoints and closes every log. */
    @Override
    public void close() {
        flushAll();
        try {
            checkpointAll();
        } catch (IOException e) {
            LOG.error("could not write checkpoints at shutdown: {}", e.toString());
        }
        for (Partition partition : partitions.values()) {
            try {
                partition.close();
            } catch (IOException e) {
                LOG.error("{}: close failed: {}", partition.topicPartition(), e.toString());
            }
        }
        for (PartitionLog log : unattached.values()) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.error("{}: close failed: {}", log.dir(), e.toString());
            }
        }
        logManager.close();
    }

    private void removePartition(TopicPartition tp) {
        try {
            Partition partition = partitions.remove(tp);
            if (partition != null) {
                partition.markDeletedAndClose();
            }
            PartitionLog log = unattached.remove(tp);
            if (log != null) {
                log.closeHandlers();
            }
        } catch (IOException e) {
            LOG.warn("{}: closing before deletion failed: {}", tp, e.toString());
        }
        logManager.delete(tp);
    }
}
