package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the records of an uncompressed batch, checking each record's framing without copying
 * anything: the validator uses it to prove the bytes are well-formed, and {@link #decode} builds
 * {@link Record}s from a batch already validated. Every record is laid out as (K39
 * {@code DefaultRecord}), all integers zig-zag varints:
 *
 * <pre>
 * length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 * keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value
 * headerCount varint | headers: (keyLength varint | key UTF-8 | valueLength varint (-1 = null) | value)*
 * </pre>
 *
 * One thread at a time, like the buffer.
 */
public final class RecordReader {

    private final ByteBuffer buffer;
    private final ByteCursor cursor;
    private final int recordsEnd;
    private long timestampDelta;
    private int offsetDelta;
    private int keyPosition;
    private int keyLength;
    private int valuePosition;
    private int valueLength;
    private int headersPosition;
    private int headerCount;

    RecordReader(RecordBatch batch) {
        this.buffer = batch.buffer();
        this.recordsEnd = batch.position() + batch.sizeInBytes();
        this.cursor = new ByteCursor(buffer, batch.position() + RecordBatch.HEADER_BYTES, recordsEnd);
    }

    /**
     * Decodes every record of {@code batch}, which must be uncompressed and have passed
     * {@link RecordBatchValidator#validate}.
     */
    public static List<Record> decode(RecordBatch batch) {
        if (batch.compressionCodecId() != CompressionCodec.NONE.id()) {
            throw new IllegalArgumentException("records of a compressed batch: " + batch);
        }
        RecordReader reader = new RecordReader(batch);
        List<Record> records = new ArrayList<>(batch.recordsCount());
        boolean logAppendTime = batch.timestampType() == TimestampType.LOG_APPEND_TIME;
        for (int i = 0; i < batch.recordsCount(); i++) {
            if (!reader.next()) {
                throw new IllegalArgumentException("malformed record " + i + " in " + batch);
            }
            long timestamp = logAppendTime ? batch.maxTimestamp() : batch.baseTimestamp() + reader.timestampDelta;
            records.add(new Record(batch.baseOffset() + reader.offsetDelta, timestamp,
                    reader.bytes(reader.keyPosition, reader.keyLength),
                    reader.bytes(reader.valuePosition, reader.valueLength), reader.headers()));
        }
        return records;
    }

    /**
     * Reads the framing of the next record. Returns false when the bytes run out or are malformed;
     * the fields below then keep their previous values.
     */
    boolean next() {
        if (cursor.malformed() || cursor.remaining() == 0) {
            return false;
        }
        int length = cursor.readVarint();
        int recordEnd = cursor.position() + length;
        if (cursor.malformed() || length <= 0 || length > cursor.remaining()) {
            return false;
        }
        cursor.limit(recordEnd);
        cursor.readByte();
        long readTimestampDelta = cursor.readVarlong();
        int readOffsetDelta = cursor.readVarint();
        int readKeyLength = cursor.readVarint();
        int readKeyPosition = skipNullable(readKeyLength);
        int readValueLength = cursor.readVarint();
        int readValuePosition = skipNullable(readValueLength);
        int readHeadersPosition = cursor.position();
        int readHeaderCount = cursor.readVarint();
        skipHeaders(readHeaderCount);
        if (cursor.malformed() || cursor.position() != recordEnd) {
            return false;
        }
        cursor.limit(recordsEnd);
        timestampDelta = readTimestampDelta;
        offsetDelta = readOffsetDelta;
        keyLength = readKeyLength;
        keyPosition = readKeyPosition;
        valueLength = readValueLength;
        valuePosition = readValuePosition;
        headersPosition = readHeadersPosition;
        headerCount = readHeaderCount;
        return true;
    }

    /** Whether the last {@link #next()} consumed exactly the bytes of the batch. */
    boolean atEnd() {
        return !cursor.malformed() && cursor.position() == recordsEnd;
    }

    int offsetDelta() {
        return offsetDelta;
    }

    long timestampDelta() {
        return timestampDelta;
    }

    private int skipNullable(int length) {
        int position = cursor.position();
        if (length != -1) {
            cursor.skip(length);
        }
        return position;
    }

    private void skipHeaders(int count) {
        // Each header needs at least two bytes, which bounds the loop by the record's own length.
        if (count < 0 || count > cursor.remaining() / 2) {
            cursor.skip(-1);
            return;
        }
        for (int i = 0; i < count && !cursor.malformed(); i++) {
            cursor.skip(cursor.readVarint());
            skipNullable(cursor.readVarint());
        }
    }

    private List<RecordHeader> headers() {
        ByteCursor headerCursor = new ByteCursor(buffer, headersPosition, recordsEnd);
        headerCursor.readVarint();
        List<RecordHeader> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int headerKeyLength = headerCursor.readVarint();
            byte[] key = bytes(headerCursor.position(), headerKeyLength);
            headerCursor.skip(headerKeyLength);
            int headerValueLength = headerCursor.readVarint();
            byte[] value = bytes(headerCursor.position(), headerValueLength);
            if (headerValueLength > 0) {
                headerCursor.skip(headerValueLength);
            }
            headers.add(new RecordHeader(new String(key, StandardCharsets.UTF_8), value));
        }
        return headers;
    }

    private byte[] bytes(int position, int length) {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(position, bytes);
        return bytes;
    }
}
