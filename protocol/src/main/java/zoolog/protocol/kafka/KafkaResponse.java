package zoolog.protocol.kafka;

/**
 * Every Kafka response body the broker encodes, one record per API, holding the union of its
 * fields over the supported versions; {@link #writeTo} writes the fields the version has, in
 * schema order, and leaves out the rest (Kafka's clients read those as defaults).
 */
public sealed interface KafkaResponse permits
        ApiVersions.Response, Metadata.Response, Produce.Response, Fetch.Response, ListOffsets.Response,
        FindCoordinator.Response, InitProducerId.Response,
        JoinGroup.Response, SyncGroup.Response, Heartbeat.Response, LeaveGroup.Response,
        OffsetCommit.Response, OffsetFetch.Response, ListGroups.Response, DescribeGroups.Response,
        CreateTopics.Response, DeleteTopics.Response, CreatePartitions.Response, DescribeConfigs.Response,
        DeleteRecords.Response {

    ApiKey apiKey();

    /** Writes the body (without header or top-level tagged fields) as {@code version} lays it out. */
    void writeTo(KafkaWriter w, short version);
}
