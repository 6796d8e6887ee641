package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Fetch (key 1), v0–11: read record batches from partitions, with long polling
 * ({@code maxWaitMs}, {@code minBytes}). v3 adds the response size limit, v4 the isolation level
 * and the last stable offset, v5 log start offsets, v7 fetch sessions (KIP-227; a broker may always
 * answer session 0), v9 leader epochs, v11 the rack for follower fetching. Topics are by name in
 * all these versions. Layouts from {@code FetchRequest.json}/{@code FetchResponse.json}.
 */
public final class Fetch {

    private Fetch() {}

    /**
     * @param maxBytes v3+, else Integer.MAX_VALUE
     * @param isolationLevel v4+: 0 read_uncommitted, 1 read_committed
     * @param sessionId v7+, else 0
     * @param sessionEpoch v7+, else -1
     * @param forgottenTopicsData v7+, else empty
     * @param rackId v11+, else empty
     */
    public record Request(int replicaId, int maxWaitMs, int minBytes, int maxBytes, byte isolationLevel,
            int sessionId, int sessionEpoch, List<FetchTopic> topics, List<ForgottenTopic> forgottenTopicsData,
            String rackId) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.FETCH;
        }
    }

    public record FetchTopic(String topic, List<FetchPartition> partitions) {}

    /**
     * @param currentLeaderEpoch v9+, else -1
     * @param logStartOffset v5+, else -1 (only followers send it)
     */
    public record FetchPartition(int partition, int currentLeaderEpoch, long fetchOffset, long logStartOffset,
            int partitionMaxBytes) {}

    public record ForgottenTopic(String topic, List<Integer> partitions) {}

    /**
     * @param throttleTimeMs v1+
     * @param errorCode v7+, the top-level (session) error
     * @param sessionId v7+
     */
    public record Response(int throttleTimeMs, short errorCode, int sessionId, List<FetchableTopicResponse> responses)
            implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.FETCH;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
            if (version >= 7) {
                w.writeInt16(errorCode);
                w.writeInt32(sessionId);
            }
            w.writeStructArray(responses, t -> {
                w.writeString(t.topic());
                w.writeStructArray(t.partitions(), p -> writePartition(w, p, version));
            });
        }
    }

    public record FetchableTopicResponse(String topic, List<PartitionData> partitions) {}

    /**
     * @param lastStableOffset v4+; equals the high watermark when no transaction is open
     * @param logStartOffset v5+
     * @param abortedTransactions v4+, nullable
     * @param preferredReadReplica v11+, -1 for "read from the leader"
     * @param records whole batches from the fetch offset on; the last may be cut short; nullable
     */
    public record PartitionData(int partitionIndex, short errorCode, long highWatermark, long lastStableOffset,
            long logStartOffset, List<AbortedTransaction> abortedTransactions, int preferredReadReplica,
            ByteBuf records) {}

    public record AbortedTransaction(long producerId, long firstOffset) {}

    private static void writePartition(KafkaWriter w, PartitionData p, short version) {
        w.writeInt32(p.partitionIndex());
        w.writeInt16(p.errorCode());
        w.writeInt64(p.highWatermark());
        if (version >= 4) {
            w.writeInt64(p.lastStableOffset());
        }
        if (version >= 5) {
            w.writeInt64(p.logStartOffset());
        }
        if (version >= 4) {
            w.writeNullableStructArray(p.abortedTransactions(), a -> {
                w.writeInt64(a.producerId());
                w.writeInt64(a.firstOffset());
            });
        }
        if (version >= 11) {
            w.writeInt32(p.preferredReadReplica());
        }
        w.writeRecords(p.records());
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        int replicaId = r.readInt32("replicaId");
        int maxWaitMs = r.readInt32("maxWaitMs");
        int minBytes = r.readInt32("minBytes");
        int maxBytes = version >= 3 ? r.readInt32("maxBytes") : Integer.MAX_VALUE;
        byte isolationLevel = version >= 4 ? r.readInt8("isolationLevel") : 0;
        int sessionId = version >= 7 ? r.readInt32("sessionId") : 0;
        int sessionEpoch = version >= 7 ? r.readInt32("sessionEpoch") : -1;
        List<FetchTopic> topics = r.readStructArray("topics", () -> new FetchTopic(
                r.readString("topic"),
                r.readStructArray("partitions", () -> readPartition(r, version))));
        List<ForgottenTopic> forgotten = version < 7 ? List.of()
                : r.readStructArray("forgottenTopicsData", () -> new ForgottenTopic(
                        r.readString("topic"), r.readInt32Array("partitions")));
        String rackId = version >= 11 ? r.readString("rackId") : "";
        return new Request(replicaId, maxWaitMs, minBytes, maxBytes, isolationLevel, sessionId, sessionEpoch,
                topics, forgotten, rackId);
    }

    private static FetchPartition readPartition(KafkaReader r, short version) throws KafkaCodecException {
        int partition = r.readInt32("partition");
        int currentLeaderEpoch = version >= 9 ? r.readInt32("currentLeaderEpoch") : -1;
        long fetchOffset = r.readInt64("fetchOffset");
        long logStartOffset = version >= 5 ? r.readInt64("logStartOffset") : -1;
        int partitionMaxBytes = r.readInt32("partitionMaxBytes");
        return new FetchPartition(partition, currentLeaderEpoch, fetchOffset, logStartOffset, partitionMaxBytes);
    }
}
