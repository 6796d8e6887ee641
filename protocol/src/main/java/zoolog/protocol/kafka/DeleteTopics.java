package zoolog.protocol.kafka;

import java.util.List;

/**
 * DeleteTopics (key 20), v0–1: delete topics by name (v6 deletes by topic id; not advertised).
 * Layouts from {@code DeleteTopicsRequest.json}/{@code DeleteTopicsResponse.json}.
 */
public final class DeleteTopics {

    private DeleteTopics() {}

    public record Request(List<String> topicNames, int timeoutMs) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.DELETE_TOPICS;
        }
    }

    /** @param throttleTimeMs v1+ */
    public record Response(int throttleTimeMs, List<DeletableTopicResult> responses) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.DELETE_TOPICS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
            w.writeStructArray(responses, t -> {
                w.writeString(t.name());
                w.writeInt16(t.errorCode());
            });
        }
    }

    public record DeletableTopicResult(String name, short errorCode) {}

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        return new Request(r.readStringArray("topicNames"), r.readInt32("timeoutMs"));
    }
}
