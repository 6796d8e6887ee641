package zoolog.protocol.kafka;

/**
 * The header in front of every Kafka request ({@code RequestHeader.json}): v1 is
 * {@code apiKey int16, apiVersion int16, correlationId int32, clientId nullable string}; v2, used
 * by flexible versions, adds a tagged-field section. {@code clientId} keeps its int16 length even
 * in v2 so that any broker can read the header of an ApiVersions request newer than itself.
 *
 * @param apiVersion the version the client chose; for ApiVersions it may lie above the advertised
 *     range, which is answered rather than rejected
 * @param clientId null when the client sent none
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId, String clientId) {
}
