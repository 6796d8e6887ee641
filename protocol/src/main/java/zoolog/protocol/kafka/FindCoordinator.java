package zoolog.protocol.kafka;

/**
 * FindCoordinator (key 10), v0–2: which broker coordinates a consumer group (key type 0) or a
 * transactional id (key type 1, v1+). A single broker always answers with itself. Layouts from
 * {@code FindCoordinatorRequest.json}/{@code FindCoordinatorResponse.json}.
 */
public final class FindCoordinator {

    public static final byte KEY_TYPE_GROUP = 0;
    public static final byte KEY_TYPE_TRANSACTION = 1;

    private FindCoordinator() {}

    /** @param keyType v1+, else {@link #KEY_TYPE_GROUP} */
    public record Request(String key, byte keyType) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.FIND_COORDINATOR;
        }
    }

    /**
     * @param throttleTimeMs v1+
     * @param errorMessage v1+, nullable
     */
    public record Response(int throttleTimeMs, short errorCode, String errorMessage, int nodeId, String host, int port)
            implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.FIND_COORDINATOR;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeInt16(errorCode);
            if (version >= 1) {
                w.writeNullableString(errorMessage);
            }
            w.writeInt32(nodeId);
            w.writeString(host);
            w.writeInt32(port);
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        String key = r.readString("key");
        byte keyType = version >= 1 ? r.readInt8("keyType") : KEY_TYPE_GROUP;
        return new Request(key, keyType);
    }
}
