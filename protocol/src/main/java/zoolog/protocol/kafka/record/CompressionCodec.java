package zoolog.protocol.kafka.record;

/**
 * The compression codec named by bits 0–2 of a batch's attributes. The broker stores compressed
 * batches as received (the records are one compressed blob after the 61-byte header), so the
 * codec matters to validation only: uncompressed batches have their record framing checked here.
 */
public enum CompressionCodec {
    NONE(0),
    GZIP(1),
    SNAPPY(2),
    LZ4(3),
    ZSTD(4);

    private static final CompressionCodec[] BY_ID = values();

    private final int id;

    CompressionCodec(int id) {
        this.id = id;
    }

    /** The value of the attribute bits. */
    public int id() {
        return id;
    }

    /** Whether {@code id} names a codec; ids 5–7 are unused by Kafka. */
    public static boolean isKnown(int id) {
        return id >= 0 && id < BY_ID.length;
    }

    /** The codec for {@code id}; call {@link #isKnown} first. */
    public static CompressionCodec forId(int id) {
        return BY_ID[id];
    }
}
