package zoolog.broker.topic;

import java.util.Map;
import java.util.OptionalInt;
import zoolog.broker.log.LogConfig;

/**
 * What the broker knows of one topic: its id, partition count, the overrides in
 * {@code /config/topics/<name>} and the log settings they make effective. Immutable; a change
 * replaces the whole record in {@link TopicManager}'s cache.
 */
public record TopicInfo(String name, String topicId, int partitionCount, Map<String, String> overrides,
                        LogConfig logConfig) {

    public TopicInfo {
        overrides = Map.copyOf(overrides);
    }

    /** The topic's {@code min.insync.replicas} override, if it has one. */
    public OptionalInt minInsyncReplicas() {
        String value = overrides.get("min.insync.replicas");
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }
}
