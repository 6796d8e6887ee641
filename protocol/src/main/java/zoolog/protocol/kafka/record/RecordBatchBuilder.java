package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one uncompressed record batch v2 the way a producer does: records with dense offset
 * deltas, baseTimestamp from the first record, maxTimestamp the largest, the CRC computed last.
 * For tests, benchmarks and the broker's own writes (internal topics, transaction markers); it
 * checks nothing about the values given to it, so tests can build odd batches on purpose. Not
 * thread-safe; one builder per batch.
 */
public final class RecordBatchBuilder {

    private final int batchBytesMax;
    private byte[] recordBytes = new byte[256];
    private int recordBytesLength;
    private int recordsCount;
    private long baseOffset;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private long baseTimestamp = RecordBatch.NO_TIMESTAMP;
    private long maxTimestamp = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private TimestampType timestampType = TimestampType.CREATE_TIME;

    /** A builder whose batch may grow to at most {@code batchBytesMax} bytes. */
    public RecordBatchBuilder(int batchBytesMax) {
        if (batchBytesMax < RecordBatch.HEADER_BYTES) {
            throw new IllegalArgumentException("batchBytesMax " + batchBytesMax + " < " + RecordBatch.HEADER_BYTES);
        }
        this.batchBytesMax = batchBytesMax;
    }

    public RecordBatchBuilder baseOffset(long value) {
        baseOffset = value;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int value) {
        partitionLeaderEpoch = value;
        return this;
    }

    /** Producer id, epoch and the sequence of the first record (idempotent producers). */
    public RecordBatchBuilder producer(long id, short epoch, int firstSequence) {
        producerId = id;
        producerEpoch = epoch;
        baseSequence = firstSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean value) {
        transactional = value;
        return this;
    }

    public RecordBatchBuilder control(boolean value) {
        control = value;
        return this;
    }

    public RecordBatchBuilder timestampType(TimestampType value) {
        timestampType = value;
        return this;
    }

    /** Appends a record at the next offset delta; key, value and header values may be null. */
    public RecordBatchBuilder addRecord(long timestamp, byte[] key, byte[] value, RecordHeader... headers) {
        if (recordsCount == 0) {
            baseTimestamp = timestamp;
        }
        maxTimestamp = recordsCount == 0 ? timestamp : Math.max(maxTimestamp, timestamp);
        byte[] body = recordBody(timestamp - baseTimestamp, recordsCount, key, value, headers);
        ensureCapacity(varintSize(body.length) + body.length);
        writeVarint(body.length);
        System.arraycopy(body, 0, recordBytes, recordBytesLength, body.length);
        recordBytesLength += body.length;
        recordsCount++;
        return this;
    }

    /** Number of bytes {@link #build()} will return. */
    public int sizeInBytes() {
        return RecordBatch.HEADER_BYTES + recordBytesLength;
    }

    /** The batch in a new heap buffer, position 0, limit its size. Needs at least one record. */
    public ByteBuffer build() {
        if (recordsCount == 0) {
            throw new IllegalStateException("a batch needs at least one record");
        }
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes());
        int attributes = (timestampType == TimestampType.LOG_APPEND_TIME ? RecordBatch.TIMESTAMP_TYPE_MASK : 0)
                | (transactional ? RecordBatch.TRANSACTIONAL_FLAG_MASK : 0)
                | (control ? RecordBatch.CONTROL_FLAG_MASK : 0);
        buffer.putLong(baseOffset)
                .putInt(sizeInBytes() - RecordBatch.LOG_OVERHEAD_BYTES)
                .putInt(partitionLeaderEpoch)
                .put(RecordBatch.MAGIC)
                .putInt(0)
                .putShort((short) attributes)
                .putInt(recordsCount - 1)
                .putLong(baseTimestamp)
                .putLong(maxTimestamp)
                .putLong(producerId)
                .putShort(producerEpoch)
                .putInt(baseSequence)
                .putInt(recordsCount)
                .put(recordBytes, 0, recordBytesLength)
                .flip();
        RecordBatch.at(buffer, 0).writeCrc();
        return buffer;
    }

    private byte[] recordBody(long timestampDelta, int offsetDelta, byte[] key, byte[] value, RecordHeader[] headers) {
        RecordBatchBuilder body = new RecordBatchBuilder(batchBytesMax);
        body.ensureCapacity(1);
        body.recordBytes[body.recordBytesLength++] = 0;
        body.writeVarlong(timestampDelta);
        body.writeVarint(offsetDelta);
        body.writeNullableBytes(key);
        body.writeNullableBytes(value);
        body.writeVarint(headers.length);
        for (RecordHeader header : headers) {
            body.writeNullableBytes(header.key().getBytes(StandardCharsets.UTF_8));
            body.writeNullableBytes(header.value());
        }
        return Arrays.copyOf(body.recordBytes, body.recordBytesLength);
    }

    private void writeNullableBytes(byte[] bytes) {
        if (bytes == null) {
            writeVarint(-1);
            return;
        }
        writeVarint(bytes.length);
        ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, recordBytes, recordBytesLength, bytes.length);
        recordBytesLength += bytes.length;
    }

    private void writeVarint(int value) {
        writeUnsignedVarlong(Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
    }

    private void writeVarlong(long value) {
        writeUnsignedVarlong((value << 1) ^ (value >> 63));
    }

    private void writeUnsignedVarlong(long value) {
        ensureCapacity(Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7));
        long remaining = value;
        while ((remaining & ~0x7FL) != 0) {
            recordBytes[recordBytesLength++] = (byte) ((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        recordBytes[recordBytesLength++] = (byte) remaining;
    }

    private static int varintSize(int value) {
        int zigZag = (value << 1) ^ (value >> 31);
        return (32 - Integer.numberOfLeadingZeros(zigZag | 1) + 6) / 7;
    }

    private void ensureCapacity(int extraBytes) {
        long needed = (long) RecordBatch.HEADER_BYTES + recordBytesLength + extraBytes;
        if (needed > batchBytesMax) {
            throw new IllegalStateException("batch would exceed batchBytesMax " + batchBytesMax);
        }
        if (recordBytesLength + extraBytes > recordBytes.length) {
            recordBytes = Arrays.copyOf(recordBytes, (int) Math.min(batchBytesMax,
                    Math.max(recordBytes.length * 2L, recordBytesLength + (long) extraBytes)));
        }
    }
}
