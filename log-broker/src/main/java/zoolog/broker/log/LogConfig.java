package zoolog.broker.log;

import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * The per-topic settings a {@link PartitionLog} obeys, with Kafka's topic-level keys and defaults
 * (K39 {@code LogConfig}). Parsed and checked once at the edge (server.properties and topic
 * overrides); the compact constructor rejects values that would break the on-disk format, such as
 * segments larger than an int32 file position. Immutable.
 *
 * @param segmentBytes        {@code segment.bytes}: roll when the next append would pass this size
 * @param rollMillis          {@code segment.ms}: roll when a batch is this much newer than the segment's first
 * @param indexIntervalBytes  {@code index.interval.bytes}: bytes of batches between sparse index entries
 * @param indexBytesMax       {@code segment.index.bytes}: the largest an index file may grow; a full index rolls
 * @param retentionMillis     {@code retention.ms}: delete segments whose newest timestamp is older; -1 keeps all
 * @param retentionBytes      {@code retention.bytes}: delete oldest segments while the log is larger; -1 keeps all
 * @param maxMessageBytes     {@code max.message.bytes}: the largest batch an append accepts
 * @param timestampType       {@code message.timestamp.type}: whether the leader stamps LogAppendTime
 */
public record LogConfig(int segmentBytes, long rollMillis, int indexIntervalBytes, int indexBytesMax,
                        long retentionMillis, long retentionBytes, int maxMessageBytes, TimestampType timestampType) {

    public static final int SEGMENT_BYTES_DEFAULT = 1 << 30;
    public static final long ROLL_MILLIS_DEFAULT = 7L * 24 * 60 * 60 * 1000;
    public static final int INDEX_INTERVAL_BYTES_DEFAULT = 4096;
    public static final int INDEX_BYTES_MAX_DEFAULT = 10 * 1024 * 1024;
    public static final long RETENTION_MILLIS_DEFAULT = 7L * 24 * 60 * 60 * 1000;
    public static final long RETENTION_BYTES_DEFAULT = -1;
    public static final int MAX_MESSAGE_BYTES_DEFAULT = 1024 * 1024 + RecordBatch.LOG_OVERHEAD_BYTES;
    /** An index file must hold at least one time-index entry and one offset-index entry. */
    static final int INDEX_BYTES_MIN = TimeIndex.ENTRY_BYTES;

    public LogConfig {
        require(segmentBytes >= RecordBatch.HEADER_BYTES, "segmentBytes", segmentBytes);
        require(rollMillis > 0, "rollMillis", rollMillis);
        require(indexIntervalBytes >= 0, "indexIntervalBytes", indexIntervalBytes);
        require(indexBytesMax >= INDEX_BYTES_MIN, "indexBytesMax", indexBytesMax);
        require(retentionMillis == -1 || retentionMillis >= 0, "retentionMillis", retentionMillis);
        require(retentionBytes == -1 || retentionBytes >= 0, "retentionBytes", retentionBytes);
        require(maxMessageBytes >= RecordBatch.HEADER_BYTES, "maxMessageBytes", maxMessageBytes);
        if (timestampType == null) {
            throw new IllegalArgumentException("timestampType must be set");
        }
    }

    /** Kafka's defaults: 1 GiB segments rolled weekly, seven days' retention, CreateTime. */
    public static LogConfig defaults() {
        return new LogConfig(SEGMENT_BYTES_DEFAULT, ROLL_MILLIS_DEFAULT, INDEX_INTERVAL_BYTES_DEFAULT,
                INDEX_BYTES_MAX_DEFAULT, RETENTION_MILLIS_DEFAULT, RETENTION_BYTES_DEFAULT, MAX_MESSAGE_BYTES_DEFAULT,
                TimestampType.CREATE_TIME);
    }

    private static void require(boolean ok, String name, long value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}
