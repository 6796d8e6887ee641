package zoolog.protocol.kafka;

import java.util.List;

/**
 * DescribeConfigs (key 32), v0–2: the configs of topics (resource type 2) or brokers (4), all or
 * the named keys. v0 marks defaults with {@code isDefault}; v1+ says where each value comes from
 * ({@code configSource}) and may list synonyms; v2 is v1 with throttling on quota violations.
 * Layouts from {@code DescribeConfigsRequest.json}/{@code DescribeConfigsResponse.json}.
 */
public final class DescribeConfigs {

    public static final byte RESOURCE_TYPE_TOPIC = 2;
    public static final byte RESOURCE_TYPE_BROKER = 4;

    private DescribeConfigs() {}

    /** @param includeSynonyms v1+ */
    public record Request(List<DescribeConfigsResource> resources, boolean includeSynonyms) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.DESCRIBE_CONFIGS;
        }
    }

    /** @param configurationKeys nullable: null means all */
    public record DescribeConfigsResource(byte resourceType, String resourceName, List<String> configurationKeys) {}

    public record Response(int throttleTimeMs, List<DescribeConfigsResult> results) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.DESCRIBE_CONFIGS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeInt32(throttleTimeMs);
            w.writeStructArray(results, result -> {
                w.writeInt16(result.errorCode());
                w.writeNullableString(result.errorMessage());
                w.writeInt8(result.resourceType());
                w.writeString(result.resourceName());
                w.writeStructArray(result.configs(), c -> writeConfig(w, c, version));
            });
        }
    }

    /** @param errorMessage nullable */
    public record DescribeConfigsResult(short errorCode, String errorMessage, byte resourceType, String resourceName,
            List<DescribeConfigsResourceResult> configs) {}

    /**
     * @param value nullable (sensitive values are null)
     * @param isDefault v0 only
     * @param configSource v1+, -1 when unknown
     * @param synonyms v1+
     */
    public record DescribeConfigsResourceResult(String name, String value, boolean readOnly, boolean isDefault,
            byte configSource, boolean isSensitive, List<DescribeConfigsSynonym> synonyms) {}

    /** @param value nullable */
    public record DescribeConfigsSynonym(String name, String value, byte source) {}

    private static void writeConfig(KafkaWriter w, DescribeConfigsResourceResult c, short version) {
        w.writeString(c.name());
        w.writeNullableString(c.value());
        w.writeBoolean(c.readOnly());
        if (version == 0) {
            w.writeBoolean(c.isDefault());
        } else {
            w.writeInt8(c.configSource());
        }
        w.writeBoolean(c.isSensitive());
        if (version >= 1) {
            w.writeStructArray(c.synonyms(), s -> {
                w.writeString(s.name());
                w.writeNullableString(s.value());
                w.writeInt8(s.source());
            });
        }
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        List<DescribeConfigsResource> resources = r.readStructArray("resources", () -> new DescribeConfigsResource(
                r.readInt8("resourceType"),
                r.readString("resourceName"),
                r.readNullableStringArray("configurationKeys")));
        boolean includeSynonyms = version >= 1 && r.readBoolean("includeSynonyms");
        return new Request(resources, includeSynonyms);
    }
}
