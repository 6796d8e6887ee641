package zoolog.protocol.kafka;

import java.util.List;

/**
 * JoinGroup (key 11), v0–5: a member asks to join a consumer group's next generation, offering
 * its assignment protocols; the reply names the leader, who alone receives the member list. v1
 * adds the rebalance timeout (v0 uses the session timeout), v4 lets the broker answer
 * MEMBER_ID_REQUIRED, v5 adds static membership ({@code groupInstanceId}). Layouts from
 * {@code JoinGroupRequest.json}/{@code JoinGroupResponse.json}.
 */
public final class JoinGroup {

    private JoinGroup() {}

    /**
     * @param rebalanceTimeoutMs v1+, else -1
     * @param groupInstanceId v5+, nullable
     */
    public record Request(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
            String groupInstanceId, String protocolType, List<Protocol> protocols) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.JOIN_GROUP;
        }
    }

    public record Protocol(String name, byte[] metadata) {}

    /** @param throttleTimeMs v2+ */
    public record Response(int throttleTimeMs, short errorCode, int generationId, String protocolName, String leader,
            String memberId, List<Member> members) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.JOIN_GROUP;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 2) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeInt16(errorCode);
            w.writeInt32(generationId);
            w.writeString(protocolName);
            w.writeString(leader);
            w.writeString(memberId);
            w.writeStructArray(members, m -> {
                w.writeString(m.memberId());
                if (version >= 5) {
                    w.writeNullableString(m.groupInstanceId());
                }
                w.writeBytes(m.metadata());
            });
        }
    }

    /** @param groupInstanceId v5+, nullable */
    public record Member(String memberId, String groupInstanceId, byte[] metadata) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String groupId = r.readString("groupId");
        int sessionTimeoutMs = r.readInt32("sessionTimeoutMs");
        int rebalanceTimeoutMs = version >= 1 ? r.readInt32("rebalanceTimeoutMs") : -1;
        String memberId = r.readString("memberId");
        String groupInstanceId = version >= 5 ? r.readNullableString("groupInstanceId") : null;
        String protocolType = r.readString("protocolType");
        List<Protocol> protocols = r.readStructArray("protocols",
                () -> new Protocol(r.readString("name"), r.readBytes("metadata")));
        return new Request(groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, groupInstanceId, protocolType,
                protocols);
    }
}
