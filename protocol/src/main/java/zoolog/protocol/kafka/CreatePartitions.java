package zoolog.protocol.kafka;

import java.util.List;

/**
 * CreatePartitions (key 37), v0–1 (identical on the wire): raise topics' partition counts,
 * optionally with the replicas of each new partition. Layouts from
 * {@code CreatePartitionsRequest.json}/{@code CreatePartitionsResponse.json}.
 */
public final class CreatePartitions {

    private CreatePartitions() {}

    public record Request(List<CreatePartitionsTopic> topics, int timeoutMs, boolean validateOnly)
            implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.CREATE_PARTITIONS;
        }
    }

    /**
     * @param count the new total number of partitions
     * @param assignments nullable: null lets the broker place the new partitions
     */
    public record CreatePartitionsTopic(String name, int count, List<CreatePartitionsAssignment> assignments) {}

    public record CreatePartitionsAssignment(List<Integer> brokerIds) {}

    public record Response(int throttleTimeMs, List<CreatePartitionsTopicResult> results) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.CREATE_PARTITIONS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeInt32(throttleTimeMs);
            w.writeStructArray(results, t -> {
                w.writeString(t.name());
                w.writeInt16(t.errorCode());
                w.writeNullableString(t.errorMessage());
            });
        }
    }

    /** @param errorMessage nullable */
    public record CreatePartitionsTopicResult(String name, short errorCode, String errorMessage) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        List<CreatePartitionsTopic> topics = r.readStructArray("topics", () -> new CreatePartitionsTopic(
                r.readString("name"),
                r.readInt32("count"),
                r.readNullableStructArray("assignments",
                        () -> new CreatePartitionsAssignment(r.readInt32Array("brokerIds")))));
        return new Request(topics, r.readInt32("timeoutMs"), r.readBoolean("validateOnly"));
    }
}
