package zoolog.protocol.kafka;

import java.util.List;

/**
 * Metadata (key 3), v0–4: brokers, cluster id, controller and the partitions of some or all
 * topics. v0 asks for all topics with an empty list; v1+ with null (empty then means none).
 * v4 adds {@code allowAutoTopicCreation}; older versions leave auto-creation to the broker's
 * config. Layouts from {@code MetadataRequest.json}/{@code MetadataResponse.json}.
 */
public final class Metadata {

    private Metadata() {}

    /**
     * @param topics null means all topics (v1+); v0's empty list also means all
     * @param allowAutoTopicCreation v4+, true before
     */
    public record Request(List<RequestTopic> topics, boolean allowAutoTopicCreation) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.METADATA;
        }
    }

    public record RequestTopic(String name) {}

    /**
     * @param throttleTimeMs v3+
     * @param clusterId v2+, nullable
     * @param controllerId v1+, -1 when unknown
     */
    public record Response(int throttleTimeMs, List<Broker> brokers, String clusterId, int controllerId,
            List<Topic> topics) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.METADATA;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 3) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(brokers, b -> {
                w.writeInt32(b.nodeId());
                w.writeString(b.host());
                w.writeInt32(b.port());
                if (version >= 1) {
                    w.writeNullableString(b.rack());
                }
            });
            if (version >= 2) {
                w.writeNullableString(clusterId);
            }
            if (version >= 1) {
                w.writeInt32(controllerId);
            }
            w.writeStructArray(topics, t -> {
                w.writeInt16(t.errorCode());
                w.writeString(t.name());
                if (version >= 1) {
                    w.writeBoolean(t.isInternal());
                }
                w.writeStructArray(t.partitions(), p -> {
                    w.writeInt16(p.errorCode());
                    w.writeInt32(p.partitionIndex());
                    w.writeInt32(p.leaderId());
                    w.writeInt32Array(p.replicaNodes());
                    w.writeInt32Array(p.isrNodes());
                });
            });
        }
    }

    /** @param rack v1+, nullable */
    public record Broker(int nodeId, String host, int port, String rack) {}

    /** @param isInternal v1+ */
    public record Topic(short errorCode, String name, boolean isInternal, List<Partition> partitions) {}

    public record Partition(short errorCode, int partitionIndex, int leaderId, List<Integer> replicaNodes,
            List<Integer> isrNodes) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        KafkaReader.ElementReader<RequestTopic> topic = () -> new RequestTopic(r.readString("name"));
        List<RequestTopic> topics = version >= 1
                ? r.readNullableStructArray("topics", topic)
                : r.readStructArray("topics", topic);
        boolean allowAutoTopicCreation = version < 4 || r.readBoolean("allowAutoTopicCreation");
        return new Request(topics, allowAutoTopicCreation);
    }
}
