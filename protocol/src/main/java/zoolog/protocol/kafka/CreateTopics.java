package zoolog.protocol.kafka;

import java.util.List;

/**
 * CreateTopics (key 19), v0–4: create topics with a partition count and replication factor or an
 * explicit assignment, plus topic configs. v1 adds validate-only, v4 lets count and factor be -1
 * for the broker's defaults. Layouts from {@code CreateTopicsRequest.json}/{@code
 * CreateTopicsResponse.json}.
 */
public final class CreateTopics {

    private CreateTopics() {}

    /** @param validateOnly v1+ */
    public record Request(List<CreatableTopic> topics, int timeoutMs, boolean validateOnly) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.CREATE_TOPICS;
        }
    }

    /** @param numPartitions -1 (v4+) or with explicit assignments for the broker's default */
    public record CreatableTopic(String name, int numPartitions, short replicationFactor,
            List<CreatableReplicaAssignment> assignments, List<CreatableTopicConfig> configs) {}

    public record CreatableReplicaAssignment(int partitionIndex, List<Integer> brokerIds) {}

    /** @param value nullable */
    public record CreatableTopicConfig(String name, String value) {}

    /** @param throttleTimeMs v2+ */
    public record Response(int throttleTimeMs, List<CreatableTopicResult> topics) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.CREATE_TOPICS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 2) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(topics, t -> {
                w.writeString(t.name());
                w.writeInt16(t.errorCode());
                if (version >= 1) {
                    w.writeNullableString(t.errorMessage());
                }
            });
        }
    }

    /** @param errorMessage v1+, nullable */
    public record CreatableTopicResult(String name, short errorCode, String errorMessage) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        List<CreatableTopic> topics = r.readStructArray("topics", () -> new CreatableTopic(
                r.readString("name"),
                r.readInt32("numPartitions"),
                r.readInt16("replicationFactor"),
                r.readStructArray("assignments", () -> new CreatableReplicaAssignment(
                        r.readInt32("partitionIndex"), r.readInt32Array("brokerIds"))),
                r.readStructArray("configs", () -> new CreatableTopicConfig(
                        r.readString("name"), r.readNullableString("value")))));
        int timeoutMs = r.readInt32("timeoutMs");
        boolean validateOnly = version >= 1 && r.readBoolean("validateOnly");
        return new Request(topics, timeoutMs, validateOnly);
    }
}
