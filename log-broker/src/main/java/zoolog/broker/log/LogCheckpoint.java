package zoolog.broker.log;

/**
 * The three offsets of a partition log that outlive the process, which Kafka keeps in the log
 * directory's {@code log-start-offset-checkpoint}, {@code recovery-point-offset-checkpoint} and
 * {@code replication-offset-checkpoint} files: where the log starts, up to where its bytes are
 * known to be fsynced (recovery scans only what lies after), and the high watermark. The owner
 * of the log directory persists them; {@link PartitionLog#open} takes them back.
 */
public record LogCheckpoint(long logStartOffset, long recoveryPoint, long highWatermark) {

    /** A brand-new partition: nothing written, nothing to recover. */
    public static final LogCheckpoint EMPTY = new LogCheckpoint(0, 0, 0);
}
