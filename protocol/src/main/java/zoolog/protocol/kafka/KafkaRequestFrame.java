package zoolog.protocol.kafka;

/**
 * One decoded request frame: its header and its body. The body is
 * {@link ApiVersions.UnsupportedVersionRequest} when an ApiVersions request is newer than
 * Zoolog supports, because that one request must still be answered (KIP-511); any other
 * unsupported key or version fails decoding instead.
 */
public record KafkaRequestFrame(RequestHeader header, KafkaRequest request) {
}
