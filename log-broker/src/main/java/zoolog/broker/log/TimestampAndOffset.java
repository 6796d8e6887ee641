package zoolog.broker.log;

/** The first record at or after a searched timestamp: its timestamp and offset (ListOffsets by time). */
public record TimestampAndOffset(long timestamp, long offset) {
}
