package zoolog.protocol.kafka;

import java.util.List;

/**
 * ListOffsets (key 2), v0–2: the offset for a timestamp, or the earliest (-2) or latest (-1)
 * offset, per partition. v0 answers with a list of "old style" offsets (up to
 * {@code maxNumOffsets}); v1+ with one timestamp and offset; v2 adds the isolation level, so
 * "latest" means the last stable offset for read_committed. Layouts from
 * {@code ListOffsetsRequest.json}/{@code ListOffsetsResponse.json}.
 */
public final class ListOffsets {

    /** The timestamp asking for the latest offset (the high watermark or last stable offset). */
    public static final long LATEST_TIMESTAMP = -1;
    /** The timestamp asking for the log start offset. */
    public static final long EARLIEST_TIMESTAMP = -2;

    private ListOffsets() {}

    /** @param isolationLevel v2+: 0 read_uncommitted, 1 read_committed */
    public record Request(int replicaId, byte isolationLevel, List<ListOffsetsTopic> topics) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.LIST_OFFSETS;
        }
    }

    public record ListOffsetsTopic(String name, List<ListOffsetsPartition> partitions) {}

    /** @param maxNumOffsets v0 only, else 1 */
    public record ListOffsetsPartition(int partitionIndex, long timestamp, int maxNumOffsets) {}

    /** @param throttleTimeMs v2+ */
    public record Response(int throttleTimeMs, List<ListOffsetsTopicResponse> topics) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.LIST_OFFSETS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 2) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(topics, t -> {
                w.writeString(t.name());
                w.writeStructArray(t.partitions(), p -> {
                    w.writeInt32(p.partitionIndex());
                    w.writeInt16(p.errorCode());
                    if (version == 0) {
                        w.writeInt64Array(p.oldStyleOffsets());
                    } else {
                        w.writeInt64(p.timestamp());
                        w.writeInt64(p.offset());
                    }
                });
            });
        }
    }

    public record ListOffsetsTopicResponse(String name, List<ListOffsetsPartitionResponse> partitions) {}

    /**
     * @param oldStyleOffsets v0 only: the offsets found, newest first
     * @param timestamp v1+, -1 when none
     * @param offset v1+, -1 when none
     */
    public record ListOffsetsPartitionResponse(int partitionIndex, short errorCode, List<Long> oldStyleOffsets,
            long timestamp, long offset) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        int replicaId = r.readInt32("replicaId");
        byte isolationLevel = version >= 2 ? r.readInt8("isolationLevel") : 0;
        List<ListOffsetsTopic> topics = r.readStructArray("topics", () -> new ListOffsetsTopic(
                r.readString("name"),
                r.readStructArray("partitions", () -> new ListOffsetsPartition(
                        r.readInt32("partitionIndex"),
                        r.readInt64("timestamp"),
                        version == 0 ? r.readInt32("maxNumOffsets") : 1))));
        return new Request(replicaId, isolationLevel, topics);
    }
}
