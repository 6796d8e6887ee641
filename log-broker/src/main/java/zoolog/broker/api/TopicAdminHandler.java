package zoolog.broker.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import zoolog.broker.config.BrokerConfig;
import zoolog.broker.config.ConfigEntry;
import zoolog.broker.config.TopicConfigs;
import zoolog.broker.partition.Partition;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.TopicPartition;
import zoolog.broker.topic.TopicInfo;
import zoolog.broker.topic.TopicManager;
import zoolog.protocol.kafka.CreatePartitions;
import zoolog.protocol.kafka.CreateTopics;
import zoolog.protocol.kafka.DeleteRecords;
import zoolog.protocol.kafka.DeleteTopics;
import zoolog.protocol.kafka.DescribeConfigs;
import zoolog.protocol.kafka.KafkaError;

/**
 * The admin APIs behind {@code kafka-topics.sh} and AdminClient: CreateTopics, DeleteTopics,
 * CreatePartitions, DescribeConfigs and DeleteRecords. Topic changes go through
 * {@link TopicManager} (the coordination server is the record); each topic succeeds or fails on
 * its own with Kafka's error code and message.
 */
final class TopicAdminHandler {

    /** DescribeConfigs resource types. */
    private static final byte RESOURCE_TOPIC = 2;
    private static final byte RESOURCE_BROKER = 4;

    private final TopicManager topics;
    private final ReplicaManager replicas;
    private final BrokerConfig config;

    TopicAdminHandler(TopicManager topics, ReplicaManager replicas, BrokerConfig config) {
        this.topics = topics;
        this.replicas = replicas;
        this.config = config;
    }

    CompletableFuture<CreateTopics.Response> createTopics(CreateTopics.Request request) {
        Map<String, CompletableFuture<TopicManager.Result>> results = new LinkedHashMap<>();
        for (CreateTopics.CreatableTopic topic : request.topics()) {
            if (!topic.assignments().isEmpty()) {
                results.put(topic.name(), done(KafkaError.INVALID_REQUEST,
                        "Manual replica assignment is not supported by this broker."));
                continue;
            }
            Map<String, String> configs = new LinkedHashMap<>();
            topic.configs().forEach(c -> configs.put(c.name(), c.value()));
            results.put(topic.name(), settle(topics.create(topic.name(), topic.numPartitions(),
                    topic.replicationFactor(), configs, request.validateOnly())));
        }
        return all(results).thenApply(settled -> new CreateTopics.Response(0, settled.entrySet().stream()
                .map(e -> new CreateTopics.CreatableTopicResult(e.getKey(), e.getValue().error().code(),
                        e.getValue().message()))
                .toList()));
    }

    CompletableFuture<DeleteTopics.Response> deleteTopics(DeleteTopics.Request request) {
        Map<String, CompletableFuture<TopicManager.Result>> results = new LinkedHashMap<>();
        for (String name : request.topicNames()) {
            results.put(name, settle(topics.delete(name)));
        }
        return all(results).thenApply(settled -> new DeleteTopics.Response(0, settled.entrySet().stream()
                .map(e -> new DeleteTopics.DeletableTopicResult(e.getKey(), e.getValue().error().code()))
                .toList()));
    }

    CompletableFuture<CreatePartitions.Response> createPartitions(CreatePartitions.Request request) {
        Map<String, CompletableFuture<TopicManager.Result>> results = new LinkedHashMap<>();
        for (CreatePartitions.CreatePartitionsTopic topic : request.topics()) {
            results.put(topic.name(), topic.assignments() != null
                    ? done(KafkaError.INVALID_REQUEST, "Manual replica assignment is not supported by this broker.")
                    : settle(topics.createPartitions(topic.name(), topic.count(), request.validateOnly())));
        }
        return all(results).thenApply(settled -> new CreatePartitions.Response(0, settled.entrySet().stream()
                .map(e -> new CreatePartitions.CreatePartitionsTopicResult(e.getKey(), e.getValue().error().code(),
                        e.getValue().message()))
                .toList()));
    }

    DeleteRecords.Response deleteRecords(DeleteRecords.Request request) throws IOException {
        List<DeleteRecords.DeleteRecordsTopicResult> results = new ArrayList<>();
        for (DeleteRecords.DeleteRecordsTopic topic : request.topics()) {
            List<DeleteRecords.DeleteRecordsPartitionResult> partitions = new ArrayList<>();
            for (DeleteRecords.DeleteRecordsPartition p : topic.partitions()) {
                Partition partition = replicas.partition(new TopicPartition(topic.name(), p.partitionIndex()));
                if (partition == null) {
                    partitions.add(new DeleteRecords.DeleteRecordsPartitionResult(p.partitionIndex(), -1,
                            KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code()));
                    continue;
                }
                Optional<Long> lowWatermark = partition.deleteRecordsBefore(p.offset());
                partitions.add(new DeleteRecords.DeleteRecordsPartitionResult(p.partitionIndex(),
                        lowWatermark.orElse(-1L), lowWatermark.isPresent() ? KafkaError.NONE.code()
                        : KafkaError.OFFSET_OUT_OF_RANGE.code()));
            }
            results.add(new DeleteRecords.DeleteRecordsTopicResult(topic.name(), partitions));
        }
        return new DeleteRecords.Response(0, results);
    }

    DescribeConfigs.Response describeConfigs(DescribeConfigs.Request request, short version) {
        List<DescribeConfigs.DescribeConfigsResult> results = new ArrayList<>();
        for (DescribeConfigs.DescribeConfigsResource resource : request.resources()) {
            results.add(describe(resource, request.includeSynonyms(), version));
        }
        return new DescribeConfigs.Response(0, results);
    }

    private DescribeConfigs.DescribeConfigsResult describe(DescribeConfigs.DescribeConfigsResource resource,
                                                           boolean includeSynonyms, short version) {
        List<ConfigEntry> entries;
        if (resource.resourceType() == RESOURCE_TOPIC) {
            Optional<TopicInfo> info = topics.topic(resource.resourceName());
            if (info.isEmpty()) {
                return failedDescribe(resource, KafkaError.UNKNOWN_TOPIC_OR_PARTITION,
                        "Topic '" + resource.resourceName() + "' does not exist.");
            }
            entries = TopicConfigs.describe(config, info.get().overrides());
        } else if (resource.resourceType() == RESOURCE_BROKER) {
            if (!resource.resourceName().isEmpty()
                    && !resource.resourceName().equals(Integer.toString(config.brokerId()))) {
                return failedDescribe(resource, KafkaError.INVALID_REQUEST,
                        "Unexpected broker id, expected " + config.brokerId() + " or empty string, but received "
                                + resource.resourceName());
            }
            entries = TopicConfigs.describeBroker(config);
        } else {
            return failedDescribe(resource, KafkaError.INVALID_REQUEST,
                    "Unsupported resource type " + resource.resourceType());
        }
        List<DescribeConfigs.DescribeConfigsResourceResult> configs = new ArrayList<>();
        for (ConfigEntry entry : entries) {
            if (resource.configurationKeys() != null && !resource.configurationKeys().contains(entry.name())) {
                continue;
            }
            byte source = (byte) entry.source().id();
            List<DescribeConfigs.DescribeConfigsSynonym> synonyms = includeSynonyms && version >= 1
                    ? List.of(new DescribeConfigs.DescribeConfigsSynonym(entry.name(), entry.value(), source))
                    : List.of();
            configs.add(new DescribeConfigs.DescribeConfigsResourceResult(entry.name(),
                    entry.sensitive() ? null : entry.value(), entry.readOnly(),
                    entry.source() == ConfigEntry.ConfigSource.DEFAULT_CONFIG, source, entry.sensitive(), synonyms));
        }
        return new DescribeConfigs.DescribeConfigsResult(KafkaError.NONE.code(), null, resource.resourceType(),
                resource.resourceName(), configs);
    }

    private static DescribeConfigs.DescribeConfigsResult failedDescribe(
            DescribeConfigs.DescribeConfigsResource resource, KafkaError error, String message) {
        return new DescribeConfigs.DescribeConfigsResult(error.code(), message, resource.resourceType(),
                resource.resourceName(), List.of());
    }

    /** A failure to reach the coordination server is a timeout to the client, not a broken connection. */
    private static CompletableFuture<TopicManager.Result> settle(CompletableFuture<TopicManager.Result> result) {
        return result.exceptionally(failure -> new TopicManager.Result(KafkaError.REQUEST_TIMED_OUT,
                rootMessage(failure)));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static CompletableFuture<TopicManager.Result> done(KafkaError error, String message) {
        return CompletableFuture.completedFuture(new TopicManager.Result(error, message));
    }

    private static CompletableFuture<Map<String, TopicManager.Result>> all(
            Map<String, CompletableFuture<TopicManager.Result>> pending) {
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(unused -> {
            Map<String, TopicManager.Result> settled = new LinkedHashMap<>();
            pending.forEach((name, future) -> settled.put(name, future.join()));
            return settled;
        });
    }
}
