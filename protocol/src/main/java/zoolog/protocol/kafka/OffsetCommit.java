package zoolog.protocol.kafka;

import java.util.List;

/**
 * OffsetCommit (key 8), v0–7: a consumer stores its positions in a group. v1 adds the generation
 * and member id (a standalone commit sends -1 and "") and a per-partition commit timestamp (v1
 * only), v2–4 a retention time, v6 the leader epoch of the committed offset, v7 static
 * membership. Layouts from {@code OffsetCommitRequest.json}/{@code OffsetCommitResponse.json}.
 */
public final class OffsetCommit {

    private OffsetCommit() {}

    /**
     * @param generationIdOrMemberEpoch v1+, else -1
     * @param memberId v1+, else empty
     * @param groupInstanceId v7+, nullable
     * @param retentionTimeMs v2–4, else -1 (use the broker's retention)
     */
    public record Request(String groupId, int generationIdOrMemberEpoch, String memberId, String groupInstanceId,
            long retentionTimeMs, List<RequestTopic> topics) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.OFFSET_COMMIT;
        }
    }

    public record RequestTopic(String name, List<RequestPartition> partitions) {}

    /**
     * @param committedLeaderEpoch v6+, else -1
     * @param commitTimestamp v1 only, else -1
     * @param committedMetadata nullable
     */
    public record RequestPartition(int partitionIndex, long committedOffset, int committedLeaderEpoch,
            long commitTimestamp, String committedMetadata) {}

    /** @param throttleTimeMs v3+ */
    public record Response(int throttleTimeMs, List<ResponseTopic> topics) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.OFFSET_COMMIT;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 3) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(topics, t -> {
                w.writeString(t.name());
                w.writeStructArray(t.partitions(), p -> {
                    w.writeInt32(p.partitionIndex());
                    w.writeInt16(p.errorCode());
                });
            });
        }
    }

    public record ResponseTopic(String name, List<ResponsePartition> partitions) {}

    public record ResponsePartition(int partitionIndex, short errorCode) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String groupId = r.readString("groupId");
        int generationIdOrMemberEpoch = version >= 1 ? r.readInt32("generationIdOrMemberEpoch") : -1;
        String memberId = version >= 1 ? r.readString("memberId") : "";
        String groupInstanceId = version >= 7 ? r.readNullableString("groupInstanceId") : null;
        long retentionTimeMs = version >= 2 && version <= 4 ? r.readInt64("retentionTimeMs") : -1;
        List<RequestTopic> topics = r.readStructArray("topics", () -> new RequestTopic(
                r.readString("name"),
                r.readStructArray("partitions", () -> readPartition(r, version))));
        return new Request(groupId, generationIdOrMemberEpoch, memberId, groupInstanceId, retentionTimeMs, topics);
    }

    private static RequestPartition readPartition(KafkaReader r, short version) throws KafkaCodecException {
        int partitionIndex = r.readInt32("partitionIndex");
        long committedOffset = r.readInt64("committedOffset");
        int committedLeaderEpoch = version >= 6 ? r.readInt32("committedLeaderEpoch") : -1;
        long commitTimestamp = version == 1 ? r.readInt64("commitTimestamp") : -1;
        String committedMetadata = r.readNullableString("committedMetadata");
        return new RequestPartition(partitionIndex, committedOffset, committedLeaderEpoch, commitTimestamp,
                committedMetadata);
    }
}
