package zoolog.broker.metadata;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON Kafka's ZooKeeper mode keeps in its znodes (Kafka 3.x {@code ZkData}), written and read
 * field for field, so zkCli shows what Kafka would show and Kafka's own tools can read it.
 */
final class ZkJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ZkJson() {}

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("JSON encoding of plain maps cannot fail", e);
        }
    }

    static JsonNode read(byte[] data, String path) throws IOException {
        try {
            return JSON.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(path + " does not hold valid JSON: " + e.getMessage(), e);
        }
    }

    /** {@code {"version":5,"host":..,"port":..,"endpoints":["PLAINTEXT://h:p"],...}} */
    static byte[] broker(String host, int port, long nowMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("features", Map.of());
        json.put("listener_security_protocol_map", Map.of("PLAINTEXT", "PLAINTEXT"));
        json.put("endpoints", List.of("PLAINTEXT://" + host + ":" + port));
        json.put("jmx_port", -1);
        json.put("port", port);
        json.put("host", host);
        json.put("version", 5);
        json.put("timestamp", Long.toString(nowMillis));
        return write(json);
    }

    static byte[] controller(int brokerId, long nowMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 2);
        json.put("brokerid", brokerId);
        json.put("timestamp", Long.toString(nowMillis));
        json.put("kraftControllerEpoch", -1);
        return write(json);
    }

    static byte[] topic(String topicId, Map<Integer, List<Integer>> assignment) {
        Map<String, List<Integer>> partitions = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a),
                Integer.parseInt(b)));
        assignment.forEach((p, replicas) -> partitions.put(Integer.toString(p), replicas));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("partitions", partitions);
        json.put("topic_id", topicId);
        json.put("adding_replicas", Map.of());
        json.put("removing_replicas", Map.of());
        json.put("version", 3);
        return write(json);
    }

    static TopicRecord topicRecord(String name, byte[] data, String path) throws IOException {
        JsonNode json = read(data, path);
        Map<Integer, List<Integer>> assignment = new TreeMap<>();
        json.path("partitions").fields().forEachRemaining(e -> {
            List<Integer> replicas = new ArrayList<>();
            e.getValue().forEach(r -> replicas.add(r.asInt()));
            assignment.put(Integer.parseInt(e.getKey()), replicas);
        });
        return new TopicRecord(name, json.path("topic_id").asText(""), assignment);
    }

    static byte[] partitionState(PartitionState state) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("controller_epoch", state.controllerEpoch());
        json.put("leader", state.leader());
        json.put("version", 1);
        json.put("leader_epoch", state.leaderEpoch());
        json.put("isr", state.isr());
        return write(json);
    }

    static PartitionState partitionState(byte[] data, String path) throws IOException {
        JsonNode json = read(data, path);
        List<Integer> isr = new ArrayList<>();
        json.path("isr").forEach(r -> isr.add(r.asInt()));
        return new PartitionState(json.path("leader").asInt(-1), json.path("leader_epoch").asInt(0),
                json.path("controller_epoch").asInt(0), isr);
    }

    static byte[] topicConfig(Map<String, String> configs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("config", new TreeMap<>(configs));
        return write(json);
    }

    static Map<String, String> topicConfig(byte[] data, String path) throws IOException {
        JsonNode config = read(data, path).path("config");
        if (!config.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(config, new TypeReference<TreeMap<String, String>>() {});
    }
}
