package zoolog.broker.group;

/** Where a committed offset belongs: a group and one partition of a topic. */
public record OffsetKey(String groupId, String topic, int partition) {}
