package zoolog.protocol.kafka;

/**
 * LeaveGroup (key 13), v0–1: one member leaves its group at once instead of timing out, so the
 * rebalance starts now. (v3+ leaves several members by instance id; not advertised.) Layouts
 * from {@code LeaveGroupRequest.json}/{@code LeaveGroupResponse.json}.
 */
public final class LeaveGroup {

    private LeaveGroup() {}

    public record Request(String groupId, String memberId) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.LEAVE_GROUP;
        }
    }

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, short errorCode) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.LEAVE_GROUP;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            GroupFields.writeThrottleAndError(w, version, throttleTimeMs, errorCode);
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        return new Request(r.readString("groupId"), r.readString("memberId"));
    }
}
