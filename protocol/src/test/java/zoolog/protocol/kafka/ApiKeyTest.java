package zoolog.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/**
 * The advertise table against kafka-clients' {@link ApiKeys}: same ids and names, ranges inside
 * Kafka's, the same header versions for every supported version; every key has a request and a
 * response record; and {@code docs/reference/kafka-apis.md} shows exactly this table.
 */
class ApiKeyTest {

    /** The reference page, relative to the {@code protocol} module where Surefire runs. */
    private static final Path REFERENCE = Path.of("..", "docs", "reference", "kafka-apis.md");

    @Test
    void matchesKafkaClients() {
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(key.id());
            assertEquals(key.apiName(), kafka.name, key + " name");
            assertTrue(key.versionMin() >= kafka.oldestVersion() && key.versionMax() <= kafka.latestVersion(),
                    key + " range");
            for (short v = key.versionMin(); v <= key.versionMax(); v++) {
                assertEquals(kafka.requestHeaderVersion(v), key.requestHeaderVersion(v), key + " v" + v);
                assertEquals(kafka.responseHeaderVersion(v), key.responseHeaderVersion(v), key + " v" + v);
            }
            short firstFlexible = key.flexibleVersionMin();
            assertEquals(2, kafka.requestHeaderVersion(firstFlexible), key + " flexible from " + firstFlexible);
            assertEquals(1, kafka.requestHeaderVersion((short) (firstFlexible - 1)), key + " flexible from");
            assertEquals(key, ApiKey.forId(key.id()));
        }
    }

    @Test
    void everyKeyHasARequestAndAResponseRecord() {
        Set<String> requests = Arrays.stream(KafkaRequest.class.getPermittedSubclasses())
                .filter(c -> c.getSimpleName().equals("Request"))
                .map(c -> c.getEnclosingClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> responses = Arrays.stream(KafkaResponse.class.getPermittedSubclasses())
                .map(c -> c.getEnclosingClass().getSimpleName()).collect(Collectors.toSet());
        Set<String> names = Arrays.stream(ApiKey.values()).map(ApiKey::apiName).collect(Collectors.toSet());
        assertEquals(names, requests);
        assertEquals(names, responses);
    }

    @Test
    void referencePageShowsTheTable() throws IOException {
        String page = Files.readString(REFERENCE);
        assertTrue(page.contains(table()), "docs/reference/kafka-apis.md is out of date; the table should be:\n"
                + table());
    }

    /** The Markdown table the reference page must contain, rendered from {@link ApiKey}. */
    static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| API | key | versions advertised | flexible from | notes |\n");
        sb.append("|---|---|---|---|---|\n");
        Arrays.stream(ApiKey.values()).sorted(Comparator.comparingInt(ApiKey::id)).forEach(key -> sb
                .append("| ").append(key.apiName())
                .append(" | ").append(key.id())
                .append(" | ").append(key.versionMin()).append("–").append(key.versionMax())
                .append(" | ").append(key.isFlexible(key.versionMax())
                        ? "v" + key.flexibleVersionMin() : "v" + key.flexibleVersionMin() + " (not reached)")
                .append(" | ").append(key.note())
                .append(" |\n"));
        return sb.toString();
    }
}
