package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reads Kafka protocol primitives (the types of {@code protocol_types.html}) from one frame held in
 * a Netty {@link ByteBuf}, advancing its reader index. It is the only place where untrusted
 * lengths become allocations, so every length and count is checked before use: negative (other
 * than null), above {@code lengthMax}, or more than the bytes left in the frame is a
 * {@link KafkaCodecException} naming the field. Used by whichever thread decodes the frame (the
 * connection's event loop); not thread-safe, one instance per decode.
 *
 * <p>A reader knows whether the message version is flexible (KIP-482). The version-neutral methods
 * ({@link #readString}, {@link #readStructArray}, {@link #readRecords}, ...) then pick the compact
 * encoding and read the tagged-field section that ends every struct, so message layouts are
 * written once for all versions. The explicitly named methods ({@link #readClassicNullableString},
 * {@link #readCompactString}, ...) are for places with a fixed encoding, like the request header.
 */
public final class KafkaReader {

    /** Reads one element of an array; may throw for a malformed element. */
    @FunctionalInterface
    public interface ElementReader<T> {
        T read() throws KafkaCodecException;
    }

    /** An unsigned varint for a 32-bit value takes at most five bytes. */
    private static final int VARINT_BYTES_MAX = 5;
    /** A varlong takes at most ten bytes. */
    private static final int VARLONG_BYTES_MAX = 10;
    private static final int UUID_BYTES = 16;
    /** The smallest encoding of any struct we read: every struct has at least one field. */
    private static final int STRUCT_BYTES_MIN = 1;

    private final ByteBuf buf;
    private final int lengthMax;
    private final boolean flexible;

    /**
     * @param buf the frame, positioned at the first byte to read
     * @param lengthMax the largest string, bytes or records length and array count accepted
     * @param flexible whether the message version uses compact encodings and tagged fields
     */
    public KafkaReader(ByteBuf buf, int lengthMax, boolean flexible) {
        if (lengthMax < 0) {
            throw new IllegalArgumentException("lengthMax must not be negative: " + lengthMax);
        }
        this.buf = buf;
        this.lengthMax = lengthMax;
        this.flexible = flexible;
    }

    public boolean flexible() {
        return flexible;
    }

    /** Bytes left unread in the frame. */
    public int remaining() {
        return buf.readableBytes();
    }

    // ---- fixed-width primitives ---------------------------------------------------------------

    public byte readInt8(String field) throws KafkaCodecException {
        need(1, field);
        return buf.readByte();
    }

    public short readInt16(String field) throws KafkaCodecException {
        need(Short.BYTES, field);
        return buf.readShort();
    }

    public int readInt32(String field) throws KafkaCodecException {
        need(Integer.BYTES, field);
        return buf.readInt();
    }

    public long readInt64(String field) throws KafkaCodecException {
        need(Long.BYTES, field);
        return buf.readLong();
    }

    public long readUint32(String field) throws KafkaCodecException {
        need(Integer.BYTES, field);
        return buf.readUnsignedInt();
    }

    /** Any non-zero byte is true, as Kafka reads BOOLEAN. */
    public boolean readBoolean(String field) throws KafkaCodecException {
        need(1, field);
        return buf.readByte() != 0;
    }

    public UUID readUuid(String field) throws KafkaCodecException {
        need(UUID_BYTES, field);
        return new UUID(buf.readLong(), buf.readLong());
    }

    // ---- varints ------------------------------------------------------------------------------

    /** A plain LEB128 varint (compact lengths, tag numbers, tag sizes): not zig-zag. */
    public int readUnsignedVarint(String field) throws KafkaCodecException {
        int value = 0;
        for (int i = 0; i < VARINT_BYTES_MAX; i++) {
            need(1, field);
            byte b = buf.readByte();
            value |= (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new KafkaCodecException(field, "unsigned varint longer than " + VARINT_BYTES_MAX + " bytes");
    }

    /** A zig-zag VARINT, as used inside records. */
    public int readVarint(String field) throws KafkaCodecException {
        int raw = readUnsignedVarint(field);
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A zig-zag VARLONG, as used inside records. */
    public long readVarlong(String field) throws KafkaCodecException {
        long raw = 0;
        for (int i = 0; i < VARLONG_BYTES_MAX; i++) {
            need(1, field);
            byte b = buf.readByte();
            raw |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new KafkaCodecException(field, "varlong longer than " + VARLONG_BYTES_MAX + " bytes");
    }

    // ---- strings ------------------------------------------------------------------------------

    /** A non-null STRING, compact in flexible versions. */
    public String readString(String field) throws KafkaCodecException {
        return flexible ? readCompactString(field) : readClassicString(field);
    }

    /** A NULLABLE_STRING, compact in flexible versions. */
    public String readNullableString(String field) throws KafkaCodecException {
        return flexible ? readCompactNullableString(field) : readClassicNullableString(field);
    }

    /** STRING: int16 length, then UTF-8. */
    public String readClassicString(String field) throws KafkaCodecException {
        return nonNull(readClassicNullableString(field), field);
    }

    /** NULLABLE_STRING: int16 length (-1 is null), then UTF-8; used by the request header in every version. */
    public String readClassicNullableString(String field) throws KafkaCodecException {
        return readUtf8(checkedLength(readInt16(field), field), field);
    }

    /** COMPACT_STRING: unsigned varint length + 1, then UTF-8. */
    public String readCompactString(String field) throws KafkaCodecException {
        return nonNull(readCompactNullableString(field), field);
    }

    /** COMPACT_NULLABLE_STRING: unsigned varint length + 1 (0 is null), then UTF-8. */
    public String readCompactNullableString(String field) throws KafkaCodecException {
        return readUtf8(checkedLength(readCompactLength(field), field), field);
    }

    // ---- bytes and records --------------------------------------------------------------------

    /** Non-null BYTES, compact in flexible versions; copied, since callers keep them past the frame. */
    public byte[] readBytes(String field) throws KafkaCodecException {
        return nonNull(readNullableBytes(field), field);
    }

    /** NULLABLE_BYTES, compact in flexible versions. */
    public byte[] readNullableBytes(String field) throws KafkaCodecException {
        int length = checkedLength(flexible ? readCompactLength(field) : readInt32(field), field);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /**
     * A RECORDS field (nullable bytes, compact in flexible versions) as a slice of the frame:
     * no copy, valid only while the frame is; a caller that keeps it must retain it. The batches
     * inside are opaque here and parsed by {@code zoolog.protocol.kafka.record}.
     */
    public ByteBuf readRecords(String field) throws KafkaCodecException {
        int length = checkedLength(flexible ? readCompactLength(field) : readInt32(field), field);
        return length < 0 ? null : buf.readSlice(length);
    }

    // ---- arrays -------------------------------------------------------------------------------

    /** A non-null array of structs; in flexible versions each element's tagged fields are read too. */
    public <T> List<T> readStructArray(String field, ElementReader<T> element) throws KafkaCodecException {
        return nonNull(readNullableStructArray(field, element), field);
    }

    /** A nullable array of structs; null when the count is -1 (or 0 in compact form). */
    public <T> List<T> readNullableStructArray(String field, ElementReader<T> element) throws KafkaCodecException {
        return readArray(field, STRUCT_BYTES_MIN, () -> {
            T value = element.read();
            readTaggedFields();
            return value;
        });
    }

    public List<Integer> readInt32Array(String field) throws KafkaCodecException {
        return nonNull(readArray(field, Integer.BYTES, () -> buf.readInt()), field);
    }

    public List<Long> readInt64Array(String field) throws KafkaCodecException {
        return nonNull(readArray(field, Long.BYTES, () -> buf.readLong()), field);
    }

    public List<String> readStringArray(String field) throws KafkaCodecException {
        return nonNull(readNullableStringArray(field), field);
    }

    public List<String> readNullableStringArray(String field) throws KafkaCodecException {
        return readArray(field, flexible ? 1 : Short.BYTES, () -> readString("element"));
    }

    // ---- tagged fields ------------------------------------------------------------------------

    /**
     * Skips a tagged-field section (KIP-482) in flexible versions and does nothing otherwise.
     * None of the versions Zoolog implements defines a tagged field a broker must act on, so all
     * are skipped; tags must be strictly ascending, as Kafka requires.
     */
    public void readTaggedFields() throws KafkaCodecException {
        if (!flexible) {
            return;
        }
        int count = readUnsignedVarint("taggedFields");
        if (count < 0 || count > remaining()) {
            throw new KafkaCodecException("taggedFields", "count " + Integer.toUnsignedString(count)
                    + " cannot fit in " + remaining() + " bytes");
        }
        int previousTag = -1;
        for (int i = 0; i < count; i++) {
            int tag = readUnsignedVarint("taggedFields.tag");
            if (tag < 0 || tag <= previousTag) {
                throw new KafkaCodecException("taggedFields.tag", "tag " + Integer.toUnsignedString(tag)
                        + " does not follow tag " + previousTag);
            }
            previousTag = tag;
            int size = readUnsignedVarint("taggedFields.size");
            String sizeField = "taggedFields[" + tag + "]";
            if (size < 0 || size > remaining()) {
                throw truncated(sizeField, Integer.toUnsignedLong(size));
            }
            buf.skipBytes(size);
        }
    }

    // ---- checks -------------------------------------------------------------------------------

    /**
     * An array: -1 (null) or a count whose smallest encoding fits the frame, then its elements.
     * The list grows as elements arrive, so a count alone never allocates.
     */
    private <T> List<T> readArray(String field, int elementBytesMin, ElementReader<T> element)
            throws KafkaCodecException {
        int count = flexible ? readCompactLength(field) : readInt32(field);
        if (count == -1) {
            return null;
        }
        if (count < 0) {
            throw new KafkaCodecException(field, "negative array count " + count);
        }
        if (count > lengthMax) {
            throw new KafkaCodecException(field, "array count " + count + " exceeds limit " + lengthMax);
        }
        if ((long) count * elementBytesMin > buf.readableBytes()) {
            throw new KafkaCodecException(field, "array of " + count + " elements cannot fit in "
                    + buf.readableBytes() + " bytes");
        }
        List<T> list = new ArrayList<>(Math.min(count, 16));
        for (int i = 0; i < count; i++) {
            try {
                list.add(element.read());
            } catch (KafkaCodecException e) {
                throw e.within(field + "[" + i + "]");
            }
        }
        return Collections.unmodifiableList(list);
    }

    /** A compact length or count: unsigned varint of N+1, 0 is null (returned as -1). */
    private int readCompactLength(String field) throws KafkaCodecException {
        long length = Integer.toUnsignedLong(readUnsignedVarint(field)) - 1;
        if (length > Integer.MAX_VALUE) {
            throw new KafkaCodecException(field, "length " + length + " exceeds limit " + lengthMax);
        }
        return (int) length;
    }

    /** Checks a classic (int16/int32) length: -1, or a value that fits the limit and the frame. */
    private int checkedLength(int length, String field) throws KafkaCodecException {
        if (length == -1) {
            return -1;
        }
        if (length < 0) {
            throw new KafkaCodecException(field, "negative length " + length);
        }
        if (length > lengthMax) {
            throw new KafkaCodecException(field, "length " + length + " exceeds limit " + lengthMax);
        }
        if (length > buf.readableBytes()) {
            throw truncated(field, length);
        }
        return length;
    }

    /** Malformed UTF-8 becomes U+FFFD, as with Kafka's {@code new String(bytes, UTF_8)}. */
    private String readUtf8(int length, String field) {
        if (length < 0) {
            return null;
        }
        String s = buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8);
        buf.skipBytes(length);
        return s;
    }

    private void need(int bytes, String field) throws KafkaCodecException {
        if (buf.readableBytes() < bytes) {
            throw truncated(field, bytes);
        }
    }

    private KafkaCodecException truncated(String field, long bytes) {
        return new KafkaCodecException(field, "truncated frame: needs " + bytes + " bytes, "
                + buf.readableBytes() + " remain");
    }

    private static <T> T nonNull(T value, String field) throws KafkaCodecException {
        if (value == null) {
            throw new KafkaCodecException(field, "null where the schema does not allow it");
        }
        return value;
    }
}
