package zoolog.broker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import zoolog.broker.config.ConfigEntry.ConfigSource;
import zoolog.broker.log.LogConfig;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * Topic-level configuration: the overrides stored in {@code /config/topics/<topic>}, checked when
 * a topic is created, turned into the {@link LogConfig} its partitions obey, and listed with
 * their sources for DescribeConfigs. Each topic key falls back to a broker key (for example
 * {@code retention.ms} to {@code log.retention.ms}), as in Kafka.
 */
public final class TopicConfigs {

    /** The verdict on a set of overrides: ok, or the one-line reason it is not. */
    public record Result(boolean ok, String message) {
        static final Result OK = new Result(true, null);
    }

    /** Topic key → how the broker's configuration supplies its default, and whether a value parses. */
    private record Key(Function<BrokerConfig, String> brokerDefault, Function<String, Boolean> valid) {}

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("cleanup.policy", new Key(c -> "delete", v -> v.equals("delete")));
        KEYS.put("retention.ms", new Key(c -> Long.toString(c.logRetentionMs()), v -> isLong(v, -1)));
        KEYS.put("retention.bytes", new Key(c -> Long.toString(c.logRetentionBytes()), v -> isLong(v, -1)));
        KEYS.put("segment.bytes", new Key(c -> Integer.toString(c.logSegmentBytes()), v -> isInt(v, RecordBatch.HEADER_BYTES)));
        KEYS.put("segment.ms", new Key(c -> Long.toString(c.logRollMs()), v -> isLong(v, 1)));
        KEYS.put("segment.index.bytes", new Key(c -> Integer.toString(c.logIndexSizeMaxBytes()), v -> isInt(v, 12)));
        KEYS.put("index.interval.bytes", new Key(c -> Integer.toString(c.logIndexIntervalBytes()), v -> isInt(v, 0)));
        KEYS.put("max.message.bytes", new Key(c -> Integer.toString(c.messageMaxBytes()),
                v -> isInt(v, RecordBatch.HEADER_BYTES)));
        KEYS.put("message.timestamp.type", new Key(c -> c.logMessageTimestampType() == TimestampType.LOG_APPEND_TIME
                ? "LogAppendTime" : "CreateTime", v -> v.equals("CreateTime") || v.equals("LogAppendTime")));
        KEYS.put("min.insync.replicas", new Key(c -> Integer.toString(c.minInsyncReplicas()), v -> isInt(v, 1)));
        KEYS.put("flush.messages", new Key(c -> Long.toString(c.logFlushIntervalMessages()), v -> isLong(v, 1)));
        KEYS.put("flush.ms", new Key(c -> Long.toString(c.logFlushIntervalMs()), v -> isLong(v, 0)));
    }

    private TopicConfigs() {}

    /** Checks overrides a CreateTopics request carries. */
    public static Result validate(Map<String, String> overrides) {
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            Key key = KEYS.get(entry.getKey());
            if (key == null) {
                return new Result(false, "Unknown topic config name: " + entry.getKey());
            }
            if (entry.getValue() == null || !key.valid().apply(entry.getValue())) {
                return new Result(false, "Invalid value " + entry.getValue() + " for configuration "
                        + entry.getKey());
            }
        }
        return Result.OK;
    }

    /** The log settings of a topic: its overrides over the broker's defaults. */
    public static LogConfig effective(BrokerConfig broker, Map<String, String> overrides) {
        Map<String, String> v = values(broker, overrides);
        return new LogConfig(Integer.parseInt(v.get("segment.bytes")), Long.parseLong(v.get("segment.ms")),
                Integer.parseInt(v.get("index.interval.bytes")), Integer.parseInt(v.get("segment.index.bytes")),
                Long.parseLong(v.get("retention.ms")), Long.parseLong(v.get("retention.bytes")),
                Integer.parseInt(v.get("max.message.bytes")),
                v.get("message.timestamp.type").equals("LogAppendTime") ? TimestampType.LOG_APPEND_TIME
                        : TimestampType.CREATE_TIME);
    }

    /** Every topic config with its effective value and source, for DescribeConfigs on a topic. */
    public static List<ConfigEntry> describe(BrokerConfig broker, Map<String, String> overrides) {
        List<ConfigEntry> entries = new ArrayList<>();
        values(broker, overrides).forEach((name, value) -> entries.add(new ConfigEntry(name, value, false,
                overrides.containsKey(name) ? ConfigSource.DYNAMIC_TOPIC_CONFIG : ConfigSource.DEFAULT_CONFIG, false)));
        return entries;
    }

    /** The broker's own settings, read-only, for DescribeConfigs on a broker. */
    public static List<ConfigEntry> describeBroker(BrokerConfig broker) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("broker.id", Integer.toString(broker.brokerId()));
        values.put("log.dirs", String.join(",", broker.logDirs().stream().map(Object::toString).toList()));
        values.put("zookeeper.connect", broker.zookeeperConnect());
        values.put("num.partitions", Integer.toString(broker.numPartitions()));
        values.put("default.replication.factor", Short.toString(broker.defaultReplicationFactor()));
        values.put("auto.create.topics.enable", Boolean.toString(broker.autoCreateTopicsEnable()));
        values.put("delete.topic.enable", Boolean.toString(broker.deleteTopicEnable()));
        values.put("log.retention.ms", Long.toString(broker.logRetentionMs()));
        values.put("log.retention.bytes", Long.toString(broker.logRetentionBytes()));
        values.put("log.segment.bytes", Integer.toString(broker.logSegmentBytes()));
        values.put("message.max.bytes", Integer.toString(broker.messageMaxBytes()));
        values.put("min.insync.replicas", Integer.toString(broker.minInsyncReplicas()));
        values.put("socket.request.max.bytes", Integer.toString(broker.socketRequestMaxBytes()));
        List<ConfigEntry> entries = new ArrayList<>();
        values.forEach((name, value) -> entries.add(new ConfigEntry(name, value, true, ConfigSource.STATIC_BROKER_CONFIG,
                false)));
        return entries;
    }

    private static Map<String, String> values(BrokerConfig broker, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        KEYS.forEach((name, key) -> values.put(name, overrides.getOrDefault(name, key.brokerDefault().apply(broker))));
        return values;
    }

    private static boolean isLong(String value, long min) {
        try {
            return Long.parseLong(value) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isInt(String value, int min) {
        try {
            return Integer.parseInt(value) >= min;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
