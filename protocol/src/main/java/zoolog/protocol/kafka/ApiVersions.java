package zoolog.protocol.kafka;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * ApiVersions (key 18), v0–4: the first request on every connection, through which a client
 * learns the broker's version ranges. v3+ is flexible and names the client software; v4 is
 * wire-identical to v3. The response's v3+ tagged fields (supported and finalized features, ZK
 * migration) are left out, which clients read as "none". Layouts from
 * {@code ApiVersionsRequest.json}/{@code ApiVersionsResponse.json}.
 */
public final class ApiVersions {

    /** Kafka's rule for client software names and versions ({@code ApiVersionsRequest.isValid}). */
    private static final Pattern SOFTWARE_NAME_OR_VERSION = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    private ApiVersions() {}

    /** @param clientSoftwareName empty before v3, as Kafka's default */
    public record Request(String clientSoftwareName, String clientSoftwareVersion) implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.API_VERSIONS;
        }

        /** Whether the v3+ names are acceptable; an invalid one is answered with INVALID_REQUEST. */
        public boolean hasValidSoftwareNames() {
            return SOFTWARE_NAME_OR_VERSION.matcher(clientSoftwareName).matches()
                    && SOFTWARE_NAME_OR_VERSION.matcher(clientSoftwareVersion).matches();
        }
    }

    /**
     * An ApiVersions request of a version above {@link ApiKey#versionMax()}: its body is not
     * read, and the answer is a v0 response with UNSUPPORTED_VERSION listing ApiVersions' range.
     */
    public record UnsupportedVersionRequest() implements KafkaRequest {
        public ApiKey apiKey() {
            return ApiKey.API_VERSIONS;
        }
    }

    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {}

    /** @param throttleTimeMs v1+ */
    public record Response(short errorCode, List<ApiVersion> apiKeys, int throttleTimeMs) implements KafkaResponse {
        public ApiKey apiKey() {
            return ApiKey.API_VERSIONS;
        }

        @Override
        public void writeTo(KafkaWriter w, short version) {
            w.writeInt16(errorCode);
            w.writeStructArray(apiKeys, api -> {
                w.writeInt16(api.apiKey());
                w.writeInt16(api.minVersion());
                w.writeInt16(api.maxVersion());
            });
            if (version >= 1) {
                w.writeInt32(throttleTimeMs);
            }
        }
    }

    /** Every API of {@link ApiKey} with its advertised range, in key order. */
    public static List<ApiVersion> advertised() {
        return Arrays.stream(ApiKey.values())
                .sorted(Comparator.comparingInt(ApiKey::id))
                .map(k -> new ApiVersion(k.id(), k.versionMin(), k.versionMax()))
                .toList();
    }

    static Request readRequest(KafkaReader r, short version) throws KafkaCodecException {
        if (version < 3) {
            return new Request("", "");
        }
        return new Request(r.readString("clientSoftwareName"), r.readString("clientSoftwareVersion"));
    }
}
