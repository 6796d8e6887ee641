package zoolog.protocol.kafka;

/**
 * Every Kafka request body the broker decodes, one record per API ({@code Produce.Request},
 * {@code Fetch.Request}, ...), each holding the union of its fields over the supported versions;
 * a field a version lacks holds Kafka's schema default. The broker dispatches on
 * {@link #apiKey()}; a test walks the permitted subclasses so no API goes unhandled.
 */
public sealed interface KafkaRequest permits
        ApiVersions.Request, ApiVersions.UnsupportedVersionRequest,
        Metadata.Request, Produce.Request, Fetch.Request, ListOffsets.Request,
        FindCoordinator.Request, InitProducerId.Request,
        JoinGroup.Request, SyncGroup.Request, Heartbeat.Request, LeaveGroup.Request,
        OffsetCommit.Request, OffsetFetch.Request, ListGroups.Request, DescribeGroups.Request,
        CreateTopics.Request, DeleteTopics.Request, CreatePartitions.Request, DescribeConfigs.Request,
        DeleteRecords.Request {

    ApiKey apiKey();
}
