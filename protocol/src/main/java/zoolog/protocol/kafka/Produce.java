package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Produce (key 0), v0–7: record batches to append, per topic and partition. v3 adds the
 * transactional id; v3–7 differ only in what the broker accepts inside the records (zstd from
 * v7), which is the record-batch layer's business — here records stay opaque bytes. With
 * {@code acks == 0} the broker sends no response at all. Layouts from
 * {@code ProduceRequest.json}/{@code ProduceResponse.json}.
 */
public final class Produce {

    private Produce() {}

    /** @param transactionalId v3+, nullable */
    public record Request(String transactionalId, short acks, int timeoutMs, List<TopicProduceData> topicData)
            implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.PRODUCE;
        }
    }

    public record TopicProduceData(String name, List<PartitionProduceData> partitionData) {}

    /** @param records a slice of the request frame (see {@link KafkaReader#readRecords}); nullable */
    public record PartitionProduceData(int index, ByteBuf records) {}

    /** @param throttleTimeMs v1+ */
    public record Response(List<TopicProduceResponse> responses, int throttleTimeMs) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.PRODUCE;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeStructArray(responses, t -> {
                w.writeString(t.name());
                w.writeStructArray(t.partitionResponses(), p -> {
                    w.writeInt32(p.index());
                    w.writeInt16(p.errorCode());
                    w.writeInt64(p.baseOffset());
                    if (version >= 2) {
                        w.writeInt64(p.logAppendTimeMs());
                    }
                    if (version >= 5) {
                        w.writeInt64(p.logStartOffset());
                    }
                });
            });
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
        }
    }

    public record TopicProduceResponse(String name, List<PartitionProduceResponse> partitionResponses) {}

    /**
     * @param logAppendTimeMs v2+; the broker's append time for LogAppendTime topics, else -1
     * @param logStartOffset v5+
     */
    public record PartitionProduceResponse(int index, short errorCode, long baseOffset, long logAppendTimeMs,
            long logStartOffset) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String transactionalId = version >= 3 ? r.readNullableString("transactionalId") : null;
        short acks = r.readInt16("acks");
        int timeoutMs = r.readInt32("timeoutMs");
        List<TopicProduceData> topicData = r.readStructArray("topicData", () -> new TopicProduceData(
                r.readString("name"),
                r.readStructArray("partitionData", () -> new PartitionProduceData(
                        r.readInt32("index"), r.readRecords("records")))));
        return new Request(transactionalId, acks, timeoutMs, topicData);
    }
}
