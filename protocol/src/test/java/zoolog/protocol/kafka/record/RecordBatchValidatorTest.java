package zoolog.protocol.kafka.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One example per rule of {@link RecordBatchValidator}, each naming the Kafka error it maps to. */
class RecordBatchValidatorTest {

    private static ByteBuffer batch(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1 << 16);
        for (int i = 0; i < records; i++) {
            builder.addRecord(1_700_000_000_000L + i, null, ("value-" + i).getBytes(), new RecordHeader("h", null));
        }
        return builder.build();
    }

    /** Applies {@code change} to a fresh three-record batch, fixing the CRC afterwards if asked. */
    private static ByteBuffer changed(Consumer<ByteBuffer> change, boolean fixCrc) {
        ByteBuffer buffer = batch(3);
        change.accept(buffer);
        if (fixCrc) {
            RecordBatch.at(buffer, 0).writeCrc();
        }
        return buffer;
    }

    private static RecordError validate(ByteBuffer buffer) {
        return RecordBatchValidator.validate(RecordBatch.at(buffer, 0), buffer.remaining());
    }

    @Test
    void aBuilderBatchIsValid() {
        assertEquals(RecordError.NONE, validate(batch(3)));
        assertEquals(RecordError.NONE, RecordBatchValidator.validateProducerBatch(batch(3), 1 << 16));
    }

    @Test
    void sizesAndMagic() {
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(changed(b -> b.putInt(8, 10), false)));
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(changed(b -> b.putInt(8, b.getInt(8) + 1), false)));
        assertEquals(RecordError.UNSUPPORTED_FOR_MESSAGE_FORMAT, validate(changed(b -> b.put(16, (byte) 1), false)));
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(changed(b -> b.put(16, (byte) 3), false)));
        assertEquals(RecordError.CORRUPT_MESSAGE, RecordBatchValidator.validateBatches(ByteBuffer.allocate(0)));
    }

    @Test
    void crcAndCodec() {
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(changed(b -> b.putInt(17, b.getInt(17) + 1), false)));
        assertEquals(RecordError.UNSUPPORTED_COMPRESSION_TYPE, validate(changed(b -> b.putShort(21, (short) 6), true)));
    }

    @Test
    void countsAndOffsetDeltas() {
        assertEquals(RecordError.INVALID_RECORD, validate(changed(b -> b.putInt(23, 1), true)));
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(changed(b -> b.putInt(57, 2), true)));
        assertEquals(RecordError.INVALID_RECORD, validate(changed(b -> b.putInt(57, 4), true)), "more records than offsets");
        assertEquals(RecordError.INVALID_RECORD, validate(changed(b -> b.putInt(57, -1), true)));
        ByteBuffer gapped = changed(b -> b.putInt(23, 5), true);
        assertEquals(RecordError.NONE, validate(gapped), "a compacted batch may have offset gaps");
        assertEquals(RecordError.INVALID_RECORD, RecordBatchValidator.validateProducerBatch(gapped, 1 << 16));
    }

    @Test
    void producerRules() {
        int size = batch(3).remaining();
        assertEquals(RecordError.MESSAGE_TOO_LARGE, RecordBatchValidator.validateProducerBatch(batch(3), size - 1));
        assertEquals(RecordError.INVALID_RECORD,
                RecordBatchValidator.validateProducerBatch(changed(b -> b.putLong(0, 5), false), size));
        assertEquals(RecordError.INVALID_RECORD, RecordBatchValidator.validateProducerBatch(
                changed(b -> b.putShort(21, (short) RecordBatch.CONTROL_FLAG_MASK), true), size));
        ByteBuffer unsequenced = new RecordBatchBuilder(1 << 16).producer(42, (short) 0, -1)
                .addRecord(1, null, new byte[1]).build();
        assertEquals(RecordError.INVALID_RECORD, RecordBatchValidator.validateProducerBatch(unsequenced, size));
    }

    @Test
    void malformedRecordFramingIsCorrupt() {
        // The first record's length varint sits right after the header; claim more bytes than exist.
        ByteBuffer buffer = changed(b -> b.put(RecordBatch.HEADER_BYTES, (byte) 0x7E), true);
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(buffer));
        ByteBuffer overlong = changed(b -> {
            for (int i = 0; i < 6; i++) {
                b.put(RecordBatch.HEADER_BYTES + i, (byte) 0xFF);
            }
        }, true);
        assertEquals(RecordError.CORRUPT_MESSAGE, validate(overlong));
    }
}
