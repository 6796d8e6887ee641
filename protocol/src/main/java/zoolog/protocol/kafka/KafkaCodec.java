package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;

/**
 * The Kafka wire protocol, server side, as pure functions between {@link ByteBuf}s and the records
 * of this package: no I/O, no state, safe from any thread. It sits between the broker's frame
 * decoder (which strips the 4-byte size and enforces {@code socket.request.max.bytes}) and the
 * per-API handlers.
 *
 * <pre>
 *  client → broker   [size] RequestHeader v1|v2  body  [tags if flexible]
 *  broker → client   [size] ResponseHeader v0|v1 body  [tags if flexible]
 * </pre>
 *
 * Header versions follow the body's flexibility ({@link ApiKey#requestHeaderVersion},
 * {@link ApiKey#responseHeaderVersion}), except that ApiVersions responses always use v0. The
 * decoder takes a frame without its size prefix and ignores bytes after a complete body; the
 * encoder appends a whole size-prefixed frame, back-filling the size, so nothing is copied twice.
 */
public final class KafkaCodec {

    /** Every frame starts with its payload size as a big-endian int32. */
    public static final int SIZE_PREFIX_BYTES = 4;

    private KafkaCodec() {}

    /**
     * Reads a request header and the body its key and version name.
     *
     * @param lengthMax the largest string, bytes or records length and array count accepted
     * @throws KafkaCodecException for malformed input, an unknown key, or an unsupported version
     *     of anything but ApiVersions
     */
    public static KafkaRequestFrame decodeRequest(ByteBuf frame, int lengthMax) throws KafkaCodecException {
        KafkaReader fixed = new KafkaReader(frame, lengthMax, false);
        short keyId = fixed.readInt16("requestApiKey");
        short version = fixed.readInt16("requestApiVersion");
        int correlationId = fixed.readInt32("correlationId");
        ApiKey key = ApiKey.forId(keyId);
        if (key == null) {
            throw new KafkaCodecException("requestApiKey", "unsupported API key " + keyId);
        }
        boolean flexible = key.isFlexible(version);
        String clientId = fixed.readClassicNullableString("clientId");
        KafkaReader body = new KafkaReader(frame, lengthMax, flexible);
        body.readTaggedFields();
        RequestHeader header = new RequestHeader(key, version, correlationId, clientId);
        if (!key.isSupported(version)) {
            if (key == ApiKey.API_VERSIONS && version > key.versionMax()) {
                return new KafkaRequestFrame(header, new ApiVersions.UnsupportedVersionRequest());
            }
            throw new KafkaCodecException("requestApiVersion", "unsupported version " + version + " of "
                    + key.apiName() + " (supported " + key.versionMin() + "-" + key.versionMax() + ")");
        }
        try {
            KafkaRequest request = readBody(key, body, version);
            body.readTaggedFields();
            return new KafkaRequestFrame(header, request);
        } catch (KafkaCodecException e) {
            throw e.within(key.apiName() + "Request v" + version);
        }
    }

    /**
     * Appends a response frame answering {@code request}: size, response header, body. The body
     * is written in the request's version, or v0 when answering an ApiVersions request newer
     * than Zoolog supports.
     */
    public static void encodeResponse(RequestHeader request, KafkaResponse response, ByteBuf out) {
        encodeResponse(request, response, out, null);
    }

    /**
     * As {@link #encodeResponse(RequestHeader, KafkaResponse, ByteBuf)}, with RECORDS fields that
     * hold {@code splicer}'s tokens left to the transport: the size prefix counts their bytes, the
     * output does not contain them. Null means copy every RECORDS field.
     */
    public static void encodeResponse(RequestHeader request, KafkaResponse response, ByteBuf out,
                                      RecordsSplicer splicer) {
        ApiKey key = request.apiKey();
        if (response.apiKey() != key) {
            throw new IllegalArgumentException(response.apiKey() + " response to a " + key + " request");
        }
        short version = key.isSupported(request.apiVersion()) ? request.apiVersion() : 0;
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeInt(request.correlationId());
        if (key.responseHeaderVersion(version) >= 1) {
            new KafkaWriter(out, true).writeEmptyTaggedFields();
        }
        KafkaWriter body = new KafkaWriter(out, key.isFlexible(version), splicer);
        response.writeTo(body, version);
        body.writeEmptyTaggedFields();
        out.setInt(start, Math.toIntExact(out.writerIndex() - start - SIZE_PREFIX_BYTES + body.splicedBytes()));
    }

    private static KafkaRequest readBody(ApiKey key, KafkaReader r, short version) throws KafkaCodecException {
        return switch (key) {
            case API_VERSIONS -> ApiVersions.readRequest(r, version);
            case METADATA -> Metadata.readRequest(r, version);
            case PRODUCE -> Produce.readRequest(r, version);
            case FETCH -> Fetch.readRequest(r, version);
            case LIST_OFFSETS -> ListOffsets.readRequest(r, version);
            case FIND_COORDINATOR -> FindCoordinator.readRequest(r, version);
            case INIT_PRODUCER_ID -> InitProducerId.readRequest(r, version);
            case JOIN_GROUP -> JoinGroup.readRequest(r, version);
            case SYNC_GROUP -> SyncGroup.readRequest(r, version);
            case HEARTBEAT -> Heartbeat.readRequest(r, version);
            case LEAVE_GROUP -> LeaveGroup.readRequest(r, version);
            case OFFSET_COMMIT -> OffsetCommit.readRequest(r, version);
            case OFFSET_FETCH -> OffsetFetch.readRequest(r, version);
            case LIST_GROUPS -> ListGroups.readRequest(r, version);
            case DESCRIBE_GROUPS -> DescribeGroups.readRequest(r, version);
            case CREATE_TOPICS -> CreateTopics.readRequest(r, version);
            case DELETE_TOPICS -> DeleteTopics.readRequest(r, version);
            case CREATE_PARTITIONS -> CreatePartitions.readRequest(r, version);
            case DESCRIBE_CONFIGS -> DescribeConfigs.readRequest(r, version);
            case DELETE_RECORDS -> DeleteRecords.readRequest(r, version);
        };
    }
}
