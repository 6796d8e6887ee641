package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A read-mostly view of one record batch v2 (magic 2) at a position in a {@link ByteBuffer}; it
 * copies nothing, so one instance can be moved along a buffer of many batches. Reads use absolute
 * indexes and never move the buffer's position. The only writes are the fields the broker assigns
 * at append ({@link #setBaseOffset}, {@link #setPartitionLeaderEpoch}, {@link #setLogAppendTime}).
 * Whoever owns the buffer owns the view; it is not thread-safe. Validation lives in
 * {@link RecordBatchValidator}: the accessors here trust the bytes.
 *
 * <pre>
 * offset size field                 CRC-covered
 *      0    8 baseOffset            no   (assigned by the leader)
 *      8    4 batchLength           no   (bytes after this field = sizeInBytes - 12)
 *     12    4 partitionLeaderEpoch  no   (stamped by the leader)
 *     16    1 magic                 no   (2)
 *     17    4 crc                   -    (CRC-32C of bytes 21 .. end)
 *     21    2 attributes            yes  bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control
 *     23    4 lastOffsetDelta       yes
 *     27    8 baseTimestamp         yes
 *     35    8 maxTimestamp          yes  (the leader's clock for LogAppendTime)
 *     43    8 producerId            yes  (-1 without idempotence)
 *     51    2 producerEpoch         yes
 *     53    4 baseSequence          yes
 *     57    4 recordsCount          yes
 *     61    - records               yes  (one compressed blob when the codec is not NONE)
 * </pre>
 */
public final class RecordBatch {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int BATCH_LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORDS_COUNT_OFFSET = 57;
    /** Bytes before the first record; also the smallest possible batch. */
    public static final int HEADER_BYTES = 61;
    /** baseOffset and batchLength: the bytes a batch occupies beyond its batchLength. */
    public static final int LOG_OVERHEAD_BYTES = 12;
    public static final byte MAGIC = 2;
    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    static final int COMPRESSION_CODEC_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_FLAG_MASK = 0x10;
    static final int CONTROL_FLAG_MASK = 0x20;

    private final ByteBuffer buffer;
    private final int position;

    private RecordBatch(ByteBuffer buffer, int position) {
        this.buffer = buffer;
        this.position = position;
    }

    /** A view of the batch starting at absolute index {@code position} of {@code buffer}. */
    public static RecordBatch at(ByteBuffer buffer, int position) {
        return new RecordBatch(buffer, position);
    }

    /** The buffer this view reads. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the batch's first byte in {@link #buffer()}. */
    public int position() {
        return position;
    }

    public long baseOffset() {
        return buffer.getLong(position + BASE_OFFSET_OFFSET);
    }

    public int batchLength() {
        return buffer.getInt(position + BATCH_LENGTH_OFFSET);
    }

    /** The whole batch including baseOffset and batchLength. */
    public int sizeInBytes() {
        return LOG_OVERHEAD_BYTES + batchLength();
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(position + PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(position + MAGIC_OFFSET);
    }

    /** The stored checksum, as an unsigned 32-bit value. */
    public long crc() {
        return Integer.toUnsignedLong(buffer.getInt(position + CRC_OFFSET));
    }

    public short attributes() {
        return buffer.getShort(position + ATTRIBUTES_OFFSET);
    }

    /** The codec id in the attribute bits; see {@link CompressionCodec#isKnown}. */
    public int compressionCodecId() {
        return attributes() & COMPRESSION_CODEC_MASK;
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    public int lastOffsetDelta() {
        return buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET);
    }

    /** The offset of the batch's last record: baseOffset + lastOffsetDelta. */
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** The offset the next batch starts at. */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long baseTimestamp() {
        return buffer.getLong(position + BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(position + MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(position + PRODUCER_ID_OFFSET);
    }

    public short producerEpoch() {
        return buffer.getShort(position + PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(position + BASE_SEQUENCE_OFFSET);
    }

    public int recordsCount() {
        return buffer.getInt(position + RECORDS_COUNT_OFFSET);
    }

    /** CRC-32C of the covered region (attributes to the end of the batch), as stored in {@link #crc()}. */
    public long computeCrc() {
        return crcOf(buffer, position + ATTRIBUTES_OFFSET, position + sizeInBytes());
    }

    /** Whether the stored checksum matches the bytes. Requires the whole batch to be in the buffer. */
    public boolean isCrcValid() {
        return computeCrc() == crc();
    }

    /** Stores the offset the leader assigned; baseOffset is outside the CRC, so the checksum stays valid. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(position + BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Stamps the leader epoch under which the batch was appended; also outside the CRC. */
    public void setPartitionLeaderEpoch(int partitionLeaderEpoch) {
        buffer.putInt(position + PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
    }

    /**
     * Marks the batch LogAppendTime with the leader's clock as its maxTimestamp and recomputes the
     * CRC, because both fields are covered by it. Does nothing when the batch already says so.
     */
    public void setLogAppendTime(long appendTimeMillis) {
        short attributes = attributes();
        if ((attributes & TIMESTAMP_TYPE_MASK) != 0 && maxTimestamp() == appendTimeMillis) {
            return;
        }
        buffer.putShort(position + ATTRIBUTES_OFFSET, (short) (attributes | TIMESTAMP_TYPE_MASK));
        buffer.putLong(position + MAX_TIMESTAMP_OFFSET, appendTimeMillis);
        writeCrc();
    }

    /** Recomputes and stores the checksum after a change to covered bytes. */
    void writeCrc() {
        buffer.putInt(position + CRC_OFFSET, (int) computeCrc());
    }

    /** CRC-32C of {@code buffer[from, to)} without touching the buffer's position or limit. */
    static long crcOf(ByteBuffer buffer, int from, int to) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().limit(to).position(from));
        return crc.getValue();
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffsetDelta=" + lastOffsetDelta()
                + ", sizeInBytes=" + sizeInBytes() + ", recordsCount=" + recordsCount() + ")";
    }
}
