package zoolog.broker.group;

/**
 * One committed consumer position, as OffsetCommit stored it and OffsetFetch returns it.
 *
 * @param offset the next offset the group will read
 * @param leaderEpoch the leader epoch (Kafka's, not ZooKeeper's) of the committed record, -1 when unknown
 * @param metadata the client's free-form string, never null ("" when none)
 * @param commitTimestampMillis when the commit happened (broker time, or the v1 client's timestamp)
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMillis) {}
