package zoolog.protocol.kafka;

import java.util.List;

/**
 * SyncGroup (key 14), v0–3: after a join, the leader sends every member's assignment and each
 * member receives its own. v3 adds static membership. Layouts from
 * {@code SyncGroupRequest.json}/{@code SyncGroupResponse.json}.
 */
public final class SyncGroup {

    private SyncGroup() {}

    /**
     * @param groupInstanceId v3+, nullable
     * @param assignments empty unless sent by the leader
     */
    public record Request(String groupId, int generationId, String memberId, String groupInstanceId,
            List<Assignment> assignments) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.SYNC_GROUP;
        }
    }

    public record Assignment(String memberId, byte[] assignment) {}

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, short errorCode, byte[] assignment) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.SYNC_GROUP;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            GroupFields.writeThrottleAndError(w, version, throttleTimeMs, errorCode);
            w.writeBytes(assignment);
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String groupId = r.readString("groupId");
        int generationId = r.readInt32("generationId");
        String memberId = r.readString("memberId");
        String groupInstanceId = version >= 3 ? r.readNullableString("groupInstanceId") : null;
        List<Assignment> assignments = r.readStructArray("assignments",
                () -> new Assignment(r.readString("memberId"), r.readBytes("assignment")));
        return new Request(groupId, generationId, memberId, groupInstanceId, assignments);
    }
}
