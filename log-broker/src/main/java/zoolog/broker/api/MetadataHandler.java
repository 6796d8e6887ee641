package zoolog.broker.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import zoolog.broker.partition.Partition;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.ReplicaState;
import zoolog.broker.partition.TopicPartition;
import zoolog.broker.topic.TopicInfo;
import zoolog.broker.topic.TopicManager;
import zoolog.broker.topic.TopicNames;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.Metadata;

/**
 * Metadata: the brokers, the controller and, per topic, each partition's leader, replicas and
 * ISR. Requested topics that do not exist are created first when auto-creation is on
 * ({@code auto.create.topics.enable}, and the request allows it from v4), so the first producer
 * to a new topic gets its partitions in the same round trip.
 */
final class MetadataHandler {

    private final BrokerIdentity identity;
    private final TopicManager topics;
    private final ReplicaManager replicas;
    private final boolean autoCreateTopics;

    MetadataHandler(BrokerIdentity identity, TopicManager topics, ReplicaManager replicas, boolean autoCreateTopics) {
        this.identity = identity;
        this.topics = topics;
        this.replicas = replicas;
        this.autoCreateTopics = autoCreateTopics;
    }

    CompletableFuture<Metadata.Response> handle(Metadata.Request request, short version) {
        boolean all = request.topics() == null || version == 0 && request.topics().isEmpty();
        if (all) {
            return CompletableFuture.completedFuture(response(topicNames(topics.topics())));
        }
        List<String> names = request.topics().stream().map(Metadata.RequestTopic::name).distinct().toList();
        List<CompletableFuture<?>> creations = new ArrayList<>();
        if (autoCreateTopics && request.allowAutoTopicCreation()) {
            for (String name : names) {
                if (topics.topic(name).isEmpty() && TopicNames.problem(name) == null) {
                    creations.add(topics.create(name, -1, (short) -1, java.util.Map.of(), false)
                            .exceptionally(failure -> null));
                }
            }
        }
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new))
                .thenApply(unused -> response(names));
    }

    private Metadata.Response response(List<String> names) {
        List<Metadata.Topic> described = new ArrayList<>();
        for (String name : names) {
            described.add(describe(name));
        }
        List<Metadata.Broker> brokers = List.of(new Metadata.Broker(identity.brokerId(), identity.host(),
                identity.port(), null));
        return new Metadata.Response(0, brokers, identity.clusterId(), identity.brokerId(), described);
    }

    private Metadata.Topic describe(String name) {
        if (TopicNames.problem(name) != null) {
            return new Metadata.Topic(KafkaError.INVALID_TOPIC_EXCEPTION.code(), name, false, List.of());
        }
        TopicInfo info = topics.topic(name).orElse(null);
        if (info == null) {
            return new Metadata.Topic(KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code(), name, false, List.of());
        }
        List<Metadata.Partition> partitions = new ArrayList<>();
        for (int p = 0; p < info.partitionCount(); p++) {
            Partition partition = replicas.partition(new TopicPartition(name, p));
            if (partition == null) {
                partitions.add(new Metadata.Partition(KafkaError.LEADER_NOT_AVAILABLE.code(), p, -1, List.of(),
                        List.of()));
            } else {
                ReplicaState state = partition.state();
                partitions.add(new Metadata.Partition(KafkaError.NONE.code(), p, state.leader(), state.replicas(),
                        state.isr()));
            }
        }
        return new Metadata.Topic(KafkaError.NONE.code(), name, false, partitions);
    }

    private static List<String> topicNames(Collection<TopicInfo> infos) {
        return infos.stream().map(TopicInfo::name).sorted().toList();
    }
}
