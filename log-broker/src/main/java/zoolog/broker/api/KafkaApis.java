package zoolog.broker.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import zoolog.broker.group.GroupService;
import zoolog.broker.net.Reply;
import zoolog.broker.net.RequestContext;
import zoolog.broker.net.RequestHandler;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.producer.ProducerIdManager;
import zoolog.broker.topic.TopicManager;
import zoolog.protocol.kafka.ApiKey;
import zoolog.protocol.kafka.ApiVersions;
import zoolog.protocol.kafka.CreatePartitions;
import zoolog.protocol.kafka.CreateTopics;
import zoolog.protocol.kafka.DeleteRecords;
import zoolog.protocol.kafka.DeleteTopics;
import zoolog.protocol.kafka.DescribeConfigs;
import zoolog.protocol.kafka.DescribeGroups;
import zoolog.protocol.kafka.Fetch;
import zoolog.protocol.kafka.FindCoordinator;
import zoolog.protocol.kafka.Heartbeat;
import zoolog.protocol.kafka.InitProducerId;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.KafkaRequest;
import zoolog.protocol.kafka.KafkaRequestFrame;
import zoolog.protocol.kafka.KafkaResponse;
import zoolog.protocol.kafka.LeaveGroup;
import zoolog.protocol.kafka.ListGroups;
import zoolog.protocol.kafka.ListOffsets;
import zoolog.protocol.kafka.Metadata;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;
import zoolog.protocol.kafka.Produce;
import zoolog.protocol.kafka.SyncGroup;

/**
 * The broker's request router: one method per API, each turning a decoded request into a
 * response. Reads and appends are answered on the calling network thread; group operations go to
 * the group coordinator's thread, topic changes to the topic-admin thread, and producer-id
 * allocation (which may claim a new block in the coordination server) to {@code blockingWork}.
 */
public final class KafkaApis implements RequestHandler {

    /** FindCoordinator key types. */
    private static final byte COORDINATOR_GROUP = 0;

    private final BrokerIdentity identity;
    private final GroupService groups;
    private final ProducerIdManager producerIds;
    private final Executor blockingWork;
    private final ProduceHandler produce;
    private final FetchHandler fetch;
    private final ListOffsetsHandler listOffsets;
    private final MetadataHandler metadata;
    private final TopicAdminHandler admin;

    public KafkaApis(BrokerIdentity identity, zoolog.broker.config.BrokerConfig config, ReplicaManager replicas,
                     TopicManager topics, GroupService groups, ProducerIdManager producerIds, Executor blockingWork,
                     Clock clock) {
        this.identity = identity;
        this.groups = groups;
        this.producerIds = producerIds;
        this.blockingWork = blockingWork;
        this.produce = new ProduceHandler(replicas, topics, config.minInsyncReplicas(), clock);
        this.fetch = new FetchHandler(replicas);
        this.listOffsets = new ListOffsetsHandler(replicas);
        this.metadata = new MetadataHandler(identity, topics, replicas, config.autoCreateTopicsEnable());
        this.admin = new TopicAdminHandler(topics, replicas, config);
    }

    @Override
    public CompletableFuture<Reply> handle(RequestContext context, KafkaRequestFrame frame) {
        short version = frame.header().apiVersion();
        KafkaRequest request = frame.request();
        try {
            return switch (frame.header().apiKey()) {
                case API_VERSIONS -> reply(apiVersions(request));
                case METADATA -> metadata.handle((Metadata.Request) request, version).thenApply(Reply::of);
                case PRODUCE -> CompletableFuture.completedFuture(produce.handle((Produce.Request) request));
                case FETCH -> fetch.handle(context, (Fetch.Request) request);
                case LIST_OFFSETS -> reply(listOffsets.handle((ListOffsets.Request) request));
                case FIND_COORDINATOR -> reply(findCoordinator((FindCoordinator.Request) request));
                case INIT_PRODUCER_ID -> initProducerId((InitProducerId.Request) request).thenApply(Reply::of);
                case JOIN_GROUP -> groups.join((JoinGroup.Request) request, version, context.clientId(),
                        context.clientHost()).thenApply(Reply::of);
                case SYNC_GROUP -> groups.sync((SyncGroup.Request) request, version).thenApply(Reply::of);
                case HEARTBEAT -> groups.heartbeat((Heartbeat.Request) request, version).thenApply(Reply::of);
                case LEAVE_GROUP -> groups.leave((LeaveGroup.Request) request, version).thenApply(Reply::of);
                case OFFSET_COMMIT -> groups.commitOffsets((OffsetCommit.Request) request, version).thenApply(Reply::of);
                case OFFSET_FETCH -> groups.fetchOffsets((OffsetFetch.Request) request, version).thenApply(Reply::of);
                case LIST_GROUPS -> groups.listGroups((ListGroups.Request) request, version).thenApply(Reply::of);
                case DESCRIBE_GROUPS -> groups.describeGroups((DescribeGroups.Request) request, version)
                        .thenApply(Reply::of);
                case CREATE_TOPICS -> admin.createTopics((CreateTopics.Request) request).thenApply(Reply::of);
                case DELETE_TOPICS -> admin.deleteTopics((DeleteTopics.Request) request).thenApply(Reply::of);
                case CREATE_PARTITIONS -> admin.createPartitions((CreatePartitions.Request) request)
                        .thenApply(Reply::of);
                case DESCRIBE_CONFIGS -> reply(admin.describeConfigs((DescribeConfigs.Request) request, version));
                case DELETE_RECORDS -> reply(admin.deleteRecords((DeleteRecords.Request) request));
            };
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Reply> reply(KafkaResponse response) {
        return CompletableFuture.completedFuture(Reply.of(response));
    }

    /** Every API with its advertised range; a too-new ApiVersions request learns them with UNSUPPORTED_VERSION. */
    private static ApiVersions.Response apiVersions(KafkaRequest request) {
        List<ApiVersions.ApiVersion> keys = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            keys.add(new ApiVersions.ApiVersion(key.id(), key.versionMin(), key.versionMax()));
        }
        KafkaError error = request instanceof ApiVersions.UnsupportedVersionRequest
                ? KafkaError.UNSUPPORTED_VERSION : KafkaError.NONE;
        return new ApiVersions.Response(error.code(), keys, 0);
    }

    /** This broker coordinates every group; transactions are not offered. */
    private FindCoordinator.Response findCoordinator(FindCoordinator.Request request) {
        if (request.keyType() != COORDINATOR_GROUP) {
            return new FindCoordinator.Response(0, KafkaError.COORDINATOR_NOT_AVAILABLE.code(),
                    "This broker does not coordinate transactions.", -1, "", -1);
        }
        return new FindCoordinator.Response(0, KafkaError.NONE.code(), null, identity.brokerId(), identity.host(),
                identity.port());
    }

    /** Idempotent producers get a fresh id at epoch 0; transactional ids are not supported. */
    private CompletableFuture<InitProducerId.Response> initProducerId(InitProducerId.Request request) {
        if (request.transactionalId() != null) {
            return CompletableFuture.completedFuture(new InitProducerId.Response(0,
                    KafkaError.COORDINATOR_NOT_AVAILABLE.code(), -1, (short) -1));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new InitProducerId.Response(0, KafkaError.NONE.code(), producerIds.nextProducerId(), (short) 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, blockingWork).exceptionally(failure -> new InitProducerId.Response(0,
                KafkaError.COORDINATOR_NOT_AVAILABLE.code(), -1, (short) -1));
    }
}
