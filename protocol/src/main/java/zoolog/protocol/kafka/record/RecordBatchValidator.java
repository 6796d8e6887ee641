package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;

/**
 * The checks a batch must pass before it is stored, as pure functions of its bytes. Structural
 * checks ({@link #validate}) are what the log runs on every append and again when it recovers a
 * segment after a crash — the paired check that keeps damaged bytes out of the log and finds a
 * torn tail. {@link #validateProducerBatch} adds the rules that hold only for batches a client
 * sends (K39 {@code LogValidator.validateBatch}, {@code ProduceRequest.validateRecords}). Every
 * answer is a {@link RecordError}; nothing here throws on bad input.
 */
public final class RecordBatchValidator {

    private RecordBatchValidator() {
    }

    /**
     * Checks the structure of the batch at {@code batch.position()} of which {@code bytesAvailable}
     * bytes are in the buffer: sizes, magic, CRC-32C over attributes..end, a known codec, counts
     * and, for uncompressed batches, the framing of every record and strictly increasing offset
     * deltas that end at or below lastOffsetDelta (a compacted batch may have gaps).
     */
    public static RecordError validate(RecordBatch batch, int bytesAvailable) {
        if (bytesAvailable < RecordBatch.HEADER_BYTES) {
            return RecordError.CORRUPT_MESSAGE;
        }
        int batchLength = batch.batchLength();
        if (batchLength < RecordBatch.HEADER_BYTES - RecordBatch.LOG_OVERHEAD_BYTES
                || batchLength > bytesAvailable - RecordBatch.LOG_OVERHEAD_BYTES) {
            return RecordError.CORRUPT_MESSAGE;
        }
        byte magic = batch.magic();
        if (magic != RecordBatch.MAGIC) {
            return magic == 0 || magic == 1 ? RecordError.UNSUPPORTED_FOR_MESSAGE_FORMAT : RecordError.CORRUPT_MESSAGE;
        }
        if (!batch.isCrcValid()) {
            return RecordError.CORRUPT_MESSAGE;
        }
        if (!CompressionCodec.isKnown(batch.compressionCodecId())) {
            return RecordError.UNSUPPORTED_COMPRESSION_TYPE;
        }
        int recordsCount = batch.recordsCount();
        int lastOffsetDelta = batch.lastOffsetDelta();
        if (recordsCount < 0 || lastOffsetDelta < 0 || lastOffsetDelta < recordsCount - 1) {
            return RecordError.INVALID_RECORD;
        }
        if (batch.compressionCodecId() == CompressionCodec.NONE.id()) {
            return validateRecords(batch, recordsCount, lastOffsetDelta);
        }
        return RecordError.NONE;
    }

    /**
     * Checks that {@code buffer[position, limit)} holds one or more whole, structurally valid
     * batches and nothing else (the shape of a Produce request's records or a follower's fetch).
     */
    public static RecordError validateBatches(ByteBuffer buffer) {
        int position = buffer.position();
        if (position == buffer.limit()) {
            return RecordError.CORRUPT_MESSAGE;
        }
        while (position < buffer.limit()) {
            RecordBatch batch = RecordBatch.at(buffer, position);
            RecordError error = validate(batch, buffer.limit() - position);
            if (error != RecordError.NONE) {
                return error;
            }
            position += batch.sizeInBytes();
        }
        return RecordError.NONE;
    }

    /**
     * The Produce request rules on top of {@link #validate}: exactly one batch filling
     * {@code buffer[position, limit)}, at most {@code maxMessageBytes} long, baseOffset 0, a
     * non-empty batch whose offsets are dense (lastOffsetDelta = recordsCount - 1), no control
     * batch (only the broker writes transaction markers), and a sequence when there is a producer id.
     */
    public static RecordError validateProducerBatch(ByteBuffer buffer, int maxMessageBytes) {
        int available = buffer.remaining();
        RecordBatch batch = RecordBatch.at(buffer, buffer.position());
        if (available >= RecordBatch.HEADER_BYTES && batch.sizeInBytes() > maxMessageBytes
                && batch.sizeInBytes() <= available) {
            return RecordError.MESSAGE_TOO_LARGE;
        }
        RecordError error = validate(batch, available);
        if (error != RecordError.NONE) {
            return error;
        }
        boolean denseOffsets = batch.recordsCount() > 0 && batch.lastOffsetDelta() == batch.recordsCount() - 1;
        boolean sequenced = batch.producerId() < 0 || batch.baseSequence() >= 0;
        if (batch.sizeInBytes() != available || batch.baseOffset() != 0 || !denseOffsets || batch.isControl()
                || !sequenced) {
            return RecordError.INVALID_RECORD;
        }
        return RecordError.NONE;
    }

    private static RecordError validateRecords(RecordBatch batch, int recordsCount, int lastOffsetDelta) {
        RecordReader reader = new RecordReader(batch);
        int previousOffsetDelta = -1;
        for (int i = 0; i < recordsCount; i++) {
            if (!reader.next()) {
                return RecordError.CORRUPT_MESSAGE;
            }
            int offsetDelta = reader.offsetDelta();
            if (offsetDelta <= previousOffsetDelta || offsetDelta > lastOffsetDelta) {
                return RecordError.INVALID_RECORD;
            }
            previousOffsetDelta = offsetDelta;
        }
        return reader.atEnd() ? RecordError.NONE : RecordError.CORRUPT_MESSAGE;
    }
}
