package zoolog.protocol.kafka;

import java.util.List;

/**
 * DeleteRecords (key 21), v0–1 (identical on the wire): move partitions' log start offsets
 * forward, making the records before them unreadable; -1 means "up to the high watermark".
 * Layouts from {@code DeleteRecordsRequest.json}/{@code DeleteRecordsResponse.json}.
 */
public final class DeleteRecords {

    private DeleteRecords() {}

    public record Request(List<DeleteRecordsTopic> topics, int timeoutMs) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.DELETE_RECORDS;
        }
    }

    public record DeleteRecordsTopic(String name, List<DeleteRecordsPartition> partitions) {}

    public record DeleteRecordsPartition(int partitionIndex, long offset) {}

    public record Response(int throttleTimeMs, List<DeleteRecordsTopicResult> topics) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.DELETE_RECORDS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeInt32(throttleTimeMs);
            w.writeStructArray(topics, t -> {
                w.writeString(t.name());
                w.writeStructArray(t.partitions(), p -> {
                    w.writeInt32(p.partitionIndex());
                    w.writeInt64(p.lowWatermark());
                    w.writeInt16(p.errorCode());
                });
            });
        }
    }

    public record DeleteRecordsTopicResult(String name, List<DeleteRecordsPartitionResult> partitions) {}

    /** @param lowWatermark the partition's log start offset after the deletion */
    public record DeleteRecordsPartitionResult(int partitionIndex, long lowWatermark, short errorCode) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        List<DeleteRecordsTopic> topics = r.readStructArray("topics", () -> new DeleteRecordsTopic(
                r.readString("name"),
                r.readStructArray("partitions", () -> new DeleteRecordsPartition(
                        r.readInt32("partitionIndex"), r.readInt64("offset")))));
        return new Request(topics, r.readInt32("timeoutMs"));
    }
}
