package zoolog.broker.partition;

/**
 * When a partition fsyncs on its own, from {@code log.flush.interval.messages}: after this many
 * unflushed records. Kafka's default (Long.MAX_VALUE) leaves durability to replication and the
 * periodic flush ({@code log.flush.interval.ms}), which the broker's scheduler drives.
 */
public record FlushPolicy(long intervalMessages) {

    public static final FlushPolicy NEVER_BY_COUNT = new FlushPolicy(Long.MAX_VALUE);

    boolean flushAfter(long unflushedMessages) {
        return unflushedMessages >= intervalMessages;
    }
}
