package zoolog.protocol.kafka.record;

/**
 * Which clock a batch's timestamps come from (attribute bit 3). CreateTime timestamps are the
 * producer's; for LogAppendTime topics the leader overwrites the batch's maxTimestamp with its own
 * clock at append and every record's effective timestamp becomes that value.
 */
public enum TimestampType {
    CREATE_TIME,
    LOG_APPEND_TIME
}
