package zoolog.broker.topic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.config.BrokerConfig;
import zoolog.broker.config.TopicConfigs;
import zoolog.broker.metadata.PartitionState;
import zoolog.broker.metadata.TopicRecord;
import zoolog.broker.metadata.ZkMetadata;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.ReplicaState;
import zoolog.broker.partition.TopicPartition;
import zoolog.protocol.kafka.KafkaError;

/**
 * Topics as the broker sees them, kept in step with the coordination server: the znodes under
 * {@code /brokers/topics} and {@code /config/topics} are the truth, and this class keeps a cache
 * of them for the request path plus the partitions this broker hosts for them. As controller it
 * also finishes deletions requested under {@code /admin/delete_topics}. Every coordination call
 * runs on one "topic-admin" thread, so changes apply one at a time and never block a network
 * thread; readers use the concurrent cache.
 */
public final class TopicManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicManager.class);

    private final BrokerConfig config;
    private final ZkMetadata zk;
    private final ReplicaManager replicas;
    private final int brokerId;
    private final int controllerEpoch;
    private final Consumer<String> onTopicDeleted;
    private final ConcurrentHashMap<String, TopicInfo> cache = new ConcurrentHashMap<>();
    private final ExecutorService admin = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "topic-admin");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param onTopicDeleted told the name of every topic whose deletion completed (group offsets go too)
     */
    public TopicManager(BrokerConfig config, ZkMetadata zk, ReplicaManager replicas, int controllerEpoch,
                        Consumer<String> onTopicDeleted) {
        this.config = config;
        this.zk = zk;
        this.replicas = replicas;
        this.brokerId = config.brokerId();
        this.controllerEpoch = controllerEpoch;
        this.onTopicDeleted = onTopicDeleted;
    }

    /**
     * Loads every topic, hosts its partitions (adopting logs found on disk, removing logs of
     * topics that are gone) and starts watching for changes. Blocks until done.
     */
    public void start() throws IOException {
        call(() -> {
            Set<TopicPartition> existing = new HashSet<>();
            for (String name : zk.topicNames()) {
                TopicInfo info = load(name);
                if (info != null) {
                    for (int p = 0; p < info.partitionCount(); p++) {
                        existing.add(new TopicPartition(name, p));
                    }
                }
            }
            replicas.removeStrays(existing);
            finishDeletions();
            return null;
        });
        zk.watchTopics(() -> admin.execute(this::refresh));
        zk.onNewSession(() -> {
            zk.watchTopics(() -> admin.execute(this::refresh));
            admin.execute(this::refresh);
        });
    }

    public Optional<TopicInfo> topic(String name) {
        return Optional.ofNullable(cache.get(name));
    }

    public Collection<TopicInfo> topics() {
        return cache.values();
    }

    /** What an admin operation came to: an error (NONE on success) and, for errors, a message. */
    public record Result(KafkaError error, String message) {
        static final Result OK = new Result(KafkaError.NONE, null);
    }

    /**
     * Creates a topic whose partitions this broker leads. {@code partitions} and
     * {@code replicationFactor} of -1 take {@code num.partitions} and
     * {@code default.replication.factor}.
     */
    public CompletableFuture<Result> create(String name, int partitions, short replicationFactor,
                                            Map<String, String> configs, boolean validateOnly) {
        String nameProblem = TopicNames.problem(name);
        if (nameProblem != null) {
            return CompletableFuture.completedFuture(new Result(KafkaError.INVALID_TOPIC_EXCEPTION, nameProblem));
        }
        int count = partitions == -1 ? config.numPartitions() : partitions;
        int factor = replicationFactor == -1 ? config.defaultReplicationFactor() : replicationFactor;
        if (count <= 0) {
            return completed(KafkaError.INVALID_PARTITIONS, "Number of partitions must be larger than 0.");
        }
        if (factor <= 0) {
            return completed(KafkaError.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0.");
        }
        return async(() -> {
            int brokers = zk.liveBrokers().size();
            if (factor > brokers) {
                return new Result(KafkaError.INVALID_REPLICATION_FACTOR, "Replication factor: " + factor
                        + " larger than available brokers: " + brokers + ".");
            }
            TopicConfigs.Result valid = TopicConfigs.validate(configs);
            if (!valid.ok()) {
                return new Result(KafkaError.INVALID_CONFIG, valid.message());
            }
            if (cache.containsKey(name) || zk.topic(name).isPresent()) {
                return new Result(KafkaError.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
            }
            if (validateOnly) {
                return Result.OK;
            }
            Map<Integer, List<Integer>> assignment = new HashMap<>();
            for (int p = 0; p < count; p++) {
                assignment.put(p, List.of(brokerId));
            }
            if (!zk.createTopic(name, newTopicId(), assignment, configs)) {
                return new Result(KafkaError.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
            }
            load(name);
            LOG.info("created topic {} with {} partition(s)", name, count);
            return Result.OK;
        });
    }

    /** Marks a topic for deletion and, as controller, deletes it. */
    public CompletableFuture<Result> delete(String name) {
        if (!config.deleteTopicEnable()) {
            return completed(KafkaError.TOPIC_DELETION_DISABLED, "Topic deletion is disabled.");
        }
        return async(() -> {
            if (zk.topic(name).isEmpty()) {
                return new Result(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic.");
            }
            zk.markTopicForDeletion(name);
            finishDeletions();
            return Result.OK;
        });
    }

    /** Grows a topic to {@code totalCount} partitions (never shrinks). */
    public CompletableFuture<Result> createPartitions(String name, int totalCount, boolean validateOnly) {
        return async(() -> {
            Optional<TopicRecord> record = zk.topic(name);
            if (record.isEmpty()) {
                return new Result(KafkaError.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
            }
            int current = record.get().assignment().size();
            if (totalCount <= current) {
                return new Result(KafkaError.INVALID_PARTITIONS, "Topic currently has " + current
                        + " partitions, which is higher than the requested " + totalCount + ".");
            }
            if (validateOnly) {
                return Result.OK;
            }
            Map<Integer, List<Integer>> assignment = new HashMap<>(record.get().assignment());
            for (int p = current; p < totalCount; p++) {
                assignment.put(p, List.of(brokerId));
            }
            zk.addPartitions(name, assignment);
            load(name);
            return Result.OK;
        });
    }

    @Override
    public void close() {
        admin.shutdownNow();
    }

    /** Re-reads the topic list after a watch fired: new topics, grown topics, deletions. */
    private void refresh() {
        try {
            Set<String> names = new HashSet<>(zk.topicNames());
            for (String name : names) {
                TopicInfo cached = cache.get(name);
                Optional<TopicRecord> record = zk.topic(name);
                if (cached == null || record.isPresent() && record.get().assignment().size() != cached.partitionCount()) {
                    load(name);
                }
            }
            for (String gone : new ArrayList<>(cache.keySet())) {
                if (!names.contains(gone)) {
                    forget(gone);
                }
            }
            finishDeletions();
        } catch (IOException | RuntimeException e) {
            LOG.error("could not refresh topics from the coordination server: {}", e.toString());
        }
    }

    /** Reads one topic and hosts its partitions; null when it vanished meanwhile. */
    private TopicInfo load(String name) throws IOException {
        Optional<TopicRecord> record = zk.topic(name);
        if (record.isEmpty()) {
            return null;
        }
        Map<String, String> overrides = zk.topicConfig(name);
        TopicInfo info = new TopicInfo(name, record.get().topicId(), record.get().assignment().size(), overrides,
                TopicConfigs.effective(config, overrides));
        for (int p = 0; p < info.partitionCount(); p++) {
            replicas.host(new TopicPartition(name, p), info.topicId(), info.logConfig(), claimLeadership(name, p));
        }
        cache.put(name, info);
        return info;
    }

    /**
     * This broker leads the partition: keep the recorded leader epoch when it already leads it,
     * else take over with the next epoch, so epochs never go backwards (clients ignore metadata
     * with an older epoch than one they saw).
     */
    private ReplicaState claimLeadership(String topic, int partition) throws IOException {
        Optional<PartitionState> recorded = zk.partitionState(topic, partition);
        int epoch = recorded.map(s -> s.leader() == brokerId ? s.leaderEpoch() : s.leaderEpoch() + 1).orElse(0);
        if (recorded.isEmpty() || recorded.get().leader() != brokerId
                || !recorded.get().isr().equals(List.of(brokerId))) {
            zk.writePartitionState(topic, partition, new PartitionState(brokerId, epoch, controllerEpoch,
                    List.of(brokerId)));
        }
        return ReplicaState.soleReplica(brokerId, epoch);
    }

    private void finishDeletions() throws IOException {
        for (String name : zk.topicsMarkedForDeletion()) {
            forget(name);
            zk.completeTopicDeletion(name);
            LOG.info("deleted topic {}", name);
        }
    }

    private void forget(String name) {
        cache.remove(name);
        replicas.removeTopic(name);
        try {
            onTopicDeleted.accept(name);
        } catch (RuntimeException e) {
            LOG.warn("{}: cleaning up after deletion failed: {}", name, e.toString());
        }
    }

    private static String newTopicId() {
        UUID id = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static CompletableFuture<Result> completed(KafkaError error, String message) {
        return CompletableFuture.completedFuture(new Result(error, message));
    }

    /** A coordination-server step on the admin thread. */
    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> CompletableFuture<T> async(Step<T> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        admin.execute(() -> {
            try {
                result.complete(step.run());
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private <T> T call(Step<T> step) throws IOException {
        try {
            return async(step).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
