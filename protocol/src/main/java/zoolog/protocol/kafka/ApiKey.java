package zoolog.protocol.kafka;

/**
 * The Kafka APIs Zoolog's broker speaks, each with the version range it advertises in ApiVersions
 * and decodes, and the first version that is flexible (KIP-482) in Kafka's schemas. The ranges are
 * the "minimal advertise plan" of {@code PROTOCOL-NOTES.md} part 2 §3: chosen so that Java
 * kafka-clients 3.9/4.x and librdkafka 2.x land on the same version and everything but ApiVersions
 * stays non-flexible, starting at 0 where librdkafka's feature detection needs it and reaching the
 * fixed versions kafka-python 2.0 sends without negotiating. The codec accepts exactly these
 * ranges; {@code docs/reference/kafka-apis.md} is checked against this table by a test.
 */
public enum ApiKey {
    PRODUCE(0, "Produce", 0, 7, 9, "librdkafka compresses only if v0 is advertised; Java, librdkafka and kafka-python all use v7"),
    FETCH(1, "Fetch", 0, 11, 12, "kafka-python uses v4, the others v11; no topic ids below v13"),
    LIST_OFFSETS(2, "ListOffsets", 0, 2, 6, "kafka-python uses v1; v2 adds the isolation level"),
    METADATA(3, "Metadata", 0, 4, 9, "kafka-python probes with v0 and uses v1; v4 adds allowAutoTopicCreation"),
    OFFSET_COMMIT(8, "OffsetCommit", 0, 7, 8, "kafka-python uses v2; v7 adds groupInstanceId"),
    OFFSET_FETCH(9, "OffsetFetch", 0, 5, 6, "kafka-python uses v1 (admin v3); v2+ null topics means all"),
    FIND_COORDINATOR(10, "FindCoordinator", 0, 2, 3, "kafka-python uses v0; v1 adds keyType"),
    JOIN_GROUP(11, "JoinGroup", 0, 5, 6, "kafka-python uses v2; v5 adds groupInstanceId"),
    HEARTBEAT(12, "Heartbeat", 0, 3, 4, "kafka-python uses v1"),
    LEAVE_GROUP(13, "LeaveGroup", 0, 1, 4, "single-member leave only (v3+ batches members)"),
    SYNC_GROUP(14, "SyncGroup", 0, 3, 4, "kafka-python uses v1"),
    DESCRIBE_GROUPS(15, "DescribeGroups", 0, 4, 5, "kafka-python admin uses v3"),
    LIST_GROUPS(16, "ListGroups", 0, 2, 3, "no state or type filters (v4+)"),
    API_VERSIONS(18, "ApiVersions", 0, 4, 3, "responses always use response header v0; a too-new request gets a v0 UNSUPPORTED_VERSION answer"),
    CREATE_TOPICS(19, "CreateTopics", 0, 4, 5, "v4 lets numPartitions/replicationFactor be -1 for broker defaults"),
    DELETE_TOPICS(20, "DeleteTopics", 0, 1, 4, "by name only"),
    DELETE_RECORDS(21, "DeleteRecords", 0, 1, 2, "v0 and v1 are identical on the wire; librdkafka and Java use v1"),
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 1, 2, "mandatory for the default (idempotent) Java producer"),
    DESCRIBE_CONFIGS(32, "DescribeConfigs", 0, 2, 4, "v1 adds synonyms and config source"),
    CREATE_PARTITIONS(37, "CreatePartitions", 0, 1, 2, "v0 and v1 are identical on the wire");

    /** Covers every key id Kafka has assigned so far, so a lookup is one array index. */
    private static final int KEY_IDS_MAX = 128;
    private static final ApiKey[] BY_ID = new ApiKey[KEY_IDS_MAX];

    static {
        for (ApiKey key : values()) {
            BY_ID[key.id] = key;
        }
    }

    private final short id;
    private final String apiName;
    private final short versionMin;
    private final short versionMax;
    private final short flexibleVersionMin;
    private final String note;

    ApiKey(int id, String apiName, int versionMin, int versionMax, int flexibleVersionMin, String note) {
        this.id = (short) id;
        this.apiName = apiName;
        this.versionMin = (short) versionMin;
        this.versionMax = (short) versionMax;
        this.flexibleVersionMin = (short) flexibleVersionMin;
        this.note = note;
    }

    /** The key for a wire id, or null for an id Zoolog does not implement. */
    public static ApiKey forId(int id) {
        return id >= 0 && id < KEY_IDS_MAX ? BY_ID[id] : null;
    }

    public short id() {
        return id;
    }

    /** Kafka's name for the API, as in its message schemas ({@code ProduceRequest.json}). */
    public String apiName() {
        return apiName;
    }

    /** The lowest version advertised and decoded. */
    public short versionMin() {
        return versionMin;
    }

    /** The highest version advertised and decoded. */
    public short versionMax() {
        return versionMax;
    }

    /** The first version Kafka's schema marks flexible, whether or not Zoolog reaches it. */
    public short flexibleVersionMin() {
        return flexibleVersionMin;
    }

    /** Why the range is what it is and what the clients use; for the reference table. */
    public String note() {
        return note;
    }

    public boolean isSupported(int version) {
        return version >= versionMin && version <= versionMax;
    }

    public boolean isFlexible(int version) {
        return version >= flexibleVersionMin;
    }

    /** Request header v2 for flexible versions, else v1 (v0 is only ControlledShutdown v0's). */
    public short requestHeaderVersion(int version) {
        return (short) (isFlexible(version) ? 2 : 1);
    }

    /**
     * Response header v1 for flexible versions, else v0 — except ApiVersions, always v0 (KIP-511):
     * a client that does not yet know the broker's versions must be able to read the reply.
     */
    public short responseHeaderVersion(int version) {
        if (this == API_VERSIONS) {
            return 0;
        }
        return (short) (isFlexible(version) ? 1 : 0);
    }
}
