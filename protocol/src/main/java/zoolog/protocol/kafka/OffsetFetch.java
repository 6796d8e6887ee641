package zoolog.protocol.kafka;

import java.util.List;

/**
 * OffsetFetch (key 9), v0–5: a group's committed positions for some partitions, or (v2+, null
 * topics) for all of them. v2 adds a top-level error code, v3 the throttle time, v5 the leader
 * epoch of each committed offset. A partition without a committed offset answers -1. Layouts from
 * {@code OffsetFetchRequest.json}/{@code OffsetFetchResponse.json}.
 */
public final class OffsetFetch {

    private OffsetFetch() {}

    /** @param topics null (v2+) means every partition the group has committed */
    public record Request(String groupId, List<RequestTopic> topics) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.OFFSET_FETCH;
        }
    }

    public record RequestTopic(String name, List<Integer> partitionIndexes) {}

    /**
     * @param throttleTimeMs v3+
     * @param errorCode v2+, the group-level error
     */
    public record Response(int throttleTimeMs, List<ResponseTopic> topics, short errorCode) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.OFFSET_FETCH;
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
                    w.writeInt64(p.committedOffset());
                    if (version >= 5) {
                        w.writeInt32(p.committedLeaderEpoch());
                    }
                    w.writeNullableString(p.metadata());
                    w.writeInt16(p.errorCode());
                });
            });
            if (version >= 2) {
                w.writeInt16(errorCode);
            }
        }
    }

    public record ResponseTopic(String name, List<ResponsePartition> partitions) {}

    /**
     * @param committedLeaderEpoch v5+, -1 when unknown
     * @param metadata nullable
     */
    public record ResponsePartition(int partitionIndex, long committedOffset, int committedLeaderEpoch,
            String metadata, short errorCode) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String groupId = r.readString("groupId");
        KafkaReader.ElementReader<RequestTopic> topic =
                () -> new RequestTopic(r.readString("name"), r.readInt32Array("partitionIndexes"));
        List<RequestTopic> topics = version >= 2
                ? r.readNullableStructArray("topics", topic)
                : r.readStructArray("topics", topic);
        return new Request(groupId, topics);
    }
}
