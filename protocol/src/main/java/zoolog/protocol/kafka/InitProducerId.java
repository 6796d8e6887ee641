package zoolog.protocol.kafka;

/**
 * InitProducerId (key 22), v0–1 (identical on the wire): a producer id and epoch for an idempotent
 * or transactional producer. Without a transactional id the broker hands out a new producer id
 * with epoch 0 every time. Layouts from {@code InitProducerIdRequest.json}/{@code
 * InitProducerIdResponse.json}.
 */
public final class InitProducerId {

    private InitProducerId() {}

    /** @param transactionalId nullable: null for a plain idempotent producer */
    public record Request(String transactionalId, int transactionTimeoutMs) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.INIT_PRODUCER_ID;
        }
    }

    public record Response(int throttleTimeMs, short errorCode, long producerId, short producerEpoch)
            implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.INIT_PRODUCER_ID;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeInt32(throttleTimeMs);
            w.writeInt16(errorCode);
            w.writeInt64(producerId);
            w.writeInt16(producerEpoch);
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        return new Request(r.readNullableString("transactionalId"), r.readInt32("transactionTimeoutMs"));
    }
}
