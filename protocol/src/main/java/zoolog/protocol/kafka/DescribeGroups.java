package zoolog.protocol.kafka;

import java.util.List;

/**
 * DescribeGroups (key 15), v0–4: state, protocol and members (with their metadata and
 * assignments) of named groups. v3 adds authorized operations, v4 static members' instance ids.
 * Layouts from {@code DescribeGroupsRequest.json}/{@code DescribeGroupsResponse.json}.
 */
public final class DescribeGroups {

    /** Kafka's "authorized operations not requested" value. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    private DescribeGroups() {}

    /** @param includeAuthorizedOperations v3+ */
    public record Request(List<String> groups, boolean includeAuthorizedOperations) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.DESCRIBE_GROUPS;
        }
    }

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, List<DescribedGroup> groups) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.DESCRIBE_GROUPS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(groups, g -> {
                w.writeInt16(g.errorCode());
                w.writeString(g.groupId());
                w.writeString(g.groupState());
                w.writeString(g.protocolType());
                w.writeString(g.protocolData());
                w.writeStructArray(g.members(), m -> {
                    w.writeString(m.memberId());
                    if (version >= 4) {
                        w.writeNullableString(m.groupInstanceId());
                    }
                    w.writeString(m.clientId());
                    w.writeString(m.clientHost());
                    w.writeBytes(m.memberMetadata());
                    w.writeBytes(m.memberAssignment());
                });
                if (version >= 3) {
                    w.writeInt32(g.authorizedOperations());
                }
            });
        }
    }

    /** @param authorizedOperations v3+, {@link #AUTHORIZED_OPERATIONS_OMITTED} unless requested */
    public record DescribedGroup(short errorCode, String groupId, String groupState, String protocolType,
            String protocolData, List<DescribedGroupMember> members, int authorizedOperations) {}

    /** @param groupInstanceId v4+, nullable */
    public record DescribedGroupMember(String memberId, String groupInstanceId, String clientId, String clientHost,
            byte[] memberMetadata, byte[] memberAssignment) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        List<String> groups = r.readStringArray("groups");
        boolean includeAuthorizedOperations = version >= 3 && r.readBoolean("includeAuthorizedOperations");
        return new Request(groups, includeAuthorizedOperations);
    }
}
