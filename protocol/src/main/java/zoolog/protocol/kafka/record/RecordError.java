package zoolog.protocol.kafka.record;

/**
 * The outcome of checking a record batch, named and numbered like the Kafka error codes a Produce
 * response carries (K39 {@code Errors.java}). Validation returns one of these instead of throwing,
 * so the produce path can put {@link #code()} straight into its response and the log can refuse a
 * batch without unwinding. {@link #NONE} means the batch is acceptable.
 */
public enum RecordError {
    /** The batch passed every check. */
    NONE(0),
    /** Sizes, CRC or record framing are wrong: the bytes were damaged or never were a batch. */
    CORRUPT_MESSAGE(2),
    /** A batch is larger than the topic's {@code max.message.bytes} (or a whole segment). */
    MESSAGE_TOO_LARGE(10),
    /** An old message format (magic 0 or 1); Zoolog stores record batch v2 only. */
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43),
    /** Compression codec bits name no known codec. */
    UNSUPPORTED_COMPRESSION_TYPE(76),
    /** Well-formed bytes that break a rule: offsets, counts, control batches from a client, sequences. */
    INVALID_RECORD(87);

    private final short code;

    RecordError(int code) {
        this.code = (short) code;
    }

    /** The Kafka wire error code. */
    public short code() {
        return code;
    }
}
