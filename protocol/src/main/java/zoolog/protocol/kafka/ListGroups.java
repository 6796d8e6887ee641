package zoolog.protocol.kafka;

import java.util.List;

/**
 * ListGroups (key 16), v0–2: every group this broker coordinates, with its protocol type. The
 * request has no fields in these versions (v4+ adds state and type filters; not advertised).
 * Layouts from {@code ListGroupsRequest.json}/{@code ListGroupsResponse.json}.
 */
public final class ListGroups {

    private ListGroups() {}

    public record Request() implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.LIST_GROUPS;
        }
    }

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, short errorCode, List<ListedGroup> groups) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.LIST_GROUPS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            GroupFields.writeThrottleAndError(w, version, throttleTimeMs, errorCode);
            w.writeStructArray(groups, g -> {
                w.writeString(g.groupId());
                w.writeString(g.protocolType());
            });
        }
    }

    public record ListedGroup(String groupId, String protocolType) {}

    static Request readRequest(KafkaReader r, short version) {
        return new Request();
    }
}
