package zoolog.protocol.kafka;

/**
 * Heartbeat (key 12), v0–3: a member says it is alive; the error code tells it to rejoin
 * (REBALANCE_IN_PROGRESS) or that it was fenced. v3 adds static membership. Layouts from
 * {@code HeartbeatRequest.json}/{@code HeartbeatResponse.json}.
 */
public final class Heartbeat {

    private Heartbeat() {}

    /** @param groupInstanceId v3+, nullable */
    public record Request(String groupId, int generationId, String memberId, String groupInstanceId)
            implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.HEARTBEAT;
        }
    }

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, short errorCode) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.HEARTBEAT;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            GroupFields.writeThrottleAndError(w, version, throttleTimeMs, errorCode);
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String groupId = r.readString("groupId");
        int generationId = r.readInt32("generationId");
        String memberId = r.readString("memberId");
        String groupInstanceId = version >= 3 ? r.readNullableString("groupInstanceId") : null;
        return new Request(groupId, generationId, memberId, groupInstanceId);
    }
}
