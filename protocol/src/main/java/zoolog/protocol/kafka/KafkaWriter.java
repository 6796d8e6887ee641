package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.UUID;

/**
 * Writes Kafka protocol primitives straight into a Netty {@link ByteBuf}: strings are encoded in
 * place, records are copied once from their buffer. It mirrors {@link KafkaReader}: a writer knows
 * whether the message version is flexible, and the version-neutral methods pick the compact
 * encoding and end every struct with an (empty) tagged-field section. Zoolog writes no tagged
 * fields in the versions it implements, and omitting one means "the default", so an empty section
 * is always correct. Used by whichever thread owns the target buffer; not thread-safe.
 *
 * <p>Writing null where the schema does not allow it is a programming error and throws
 * {@link NullPointerException}, as Kafka's generated serializers do.
 */
public final class KafkaWriter {

    /** Writes one element of an array. */
    @FunctionalInterface
    public interface ElementWriter<T> {
        void write(T element);
    }

    /** The longest string an int16 length can carry. */
    private static final int CLASSIC_STRING_BYTES_MAX = Short.MAX_VALUE;

    private final ByteBuf out;
    private final boolean flexible;
    private final RecordsSplicer splicer;
    private long splicedBytes;

    public KafkaWriter(ByteBuf out, boolean flexible) {
        this(out, flexible, null);
    }

    /** A writer that hands RECORDS fields holding {@code splicer}'s tokens to it instead of copying them. */
    public KafkaWriter(ByteBuf out, boolean flexible, RecordsSplicer splicer) {
        this.out = out;
        this.flexible = flexible;
        this.splicer = splicer;
    }

    /** Bytes of spliced records: part of the message on the wire, but not in the output buffer. */
    public long splicedBytes() {
        return splicedBytes;
    }

    public boolean flexible() {
        return flexible;
    }

    // ---- fixed-width primitives ---------------------------------------------------------------

    public void writeInt8(byte value) {
        out.writeByte(value);
    }

    public void writeInt16(short value) {
        out.writeShort(value);
    }

    public void writeInt32(int value) {
        out.writeInt(value);
    }

    public void writeInt64(long value) {
        out.writeLong(value);
    }

    public void writeUint32(long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
        }
        out.writeInt((int) value);
    }

    public void writeBoolean(boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    public void writeUuid(UUID value) {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    // ---- varints ------------------------------------------------------------------------------

    /** A plain LEB128 varint of the value's 32 bits read as unsigned. */
    public void writeUnsignedVarint(int value) {
        int rest = value;
        while ((rest & ~0x7f) != 0) {
            out.writeByte((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    /** A zig-zag VARINT. */
    public void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    /** A zig-zag VARLONG. */
    public void writeVarlong(long value) {
        long rest = (value << 1) ^ (value >> 63);
        while ((rest & ~0x7fL) != 0) {
            out.writeByte((int) ((rest & 0x7f) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    // ---- strings ------------------------------------------------------------------------------

    /** A non-null STRING, compact in flexible versions. */
    public void writeString(String value) {
        writeNullableString(nonNull(value, "string"));
    }

    /** A NULLABLE_STRING, compact in flexible versions. */
    public void writeNullableString(String value) {
        if (flexible) {
            writeCompactNullableString(value);
        } else {
            writeClassicNullableString(value);
        }
    }

    /** NULLABLE_STRING with an int16 length, as the request header uses in every version. */
    public void writeClassicNullableString(String value) {
        if (value == null) {
            out.writeShort(-1);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        if (length > CLASSIC_STRING_BYTES_MAX) {
            throw new IllegalArgumentException("string of " + length + " bytes is longer than "
                    + CLASSIC_STRING_BYTES_MAX);
        }
        out.writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    /** COMPACT_NULLABLE_STRING: unsigned varint of length + 1, 0 for null. */
    public void writeCompactNullableString(String value) {
        if (value == null) {
            writeUnsignedVarint(0);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(value);
        writeUnsignedVarint(length + 1);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
    }

    // ---- bytes and records --------------------------------------------------------------------

    /** Non-null BYTES, compact in flexible versions. */
    public void writeBytes(byte[] value) {
        writeNullableBytes(nonNull(value, "bytes"));
    }

    /** NULLABLE_BYTES, compact in flexible versions. */
    public void writeNullableBytes(byte[] value) {
        writeLength(value == null ? -1 : value.length);
        if (value != null) {
            out.writeBytes(value);
        }
    }

    /** A RECORDS field: nullable bytes taken from {@code records} without moving its reader index. */
    public void writeRecords(ByteBuf records) {
        int splicedSize = splicer == null || records == null ? -1 : splicer.splicedSize(records);
        if (splicedSize >= 0) {
            writeLength(splicedSize);
            splicer.splice(out, records);
            splicedBytes += splicedSize;
            return;
        }
        writeLength(records == null ? -1 : records.readableBytes());
        if (records != null) {
            out.writeBytes(records, records.readerIndex(), records.readableBytes());
        }
    }

    // ---- arrays -------------------------------------------------------------------------------

    /** A non-null array of structs, each followed by an empty tagged-field section if flexible. */
    public <T> void writeStructArray(List<T> list, ElementWriter<T> element) {
        writeNullableStructArray(nonNull(list, "array"), element);
    }

    /** A nullable array of structs. */
    public <T> void writeNullableStructArray(List<T> list, ElementWriter<T> element) {
        writeLength(list == null ? -1 : list.size());
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            element.write(list.get(i));
            writeEmptyTaggedFields();
        }
    }

    public void writeInt32Array(List<Integer> list) {
        writeLength(nonNull(list, "array").size());
        for (int i = 0; i < list.size(); i++) {
            out.writeInt(list.get(i));
        }
    }

    public void writeInt64Array(List<Long> list) {
        writeLength(nonNull(list, "array").size());
        for (int i = 0; i < list.size(); i++) {
            out.writeLong(list.get(i));
        }
    }

    public void writeStringArray(List<String> list) {
        writeNullableStringArray(nonNull(list, "array"));
    }

    public void writeNullableStringArray(List<String> list) {
        writeLength(list == null ? -1 : list.size());
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            writeString(list.get(i));
        }
    }

    /** An empty tagged-field section in flexible versions; nothing otherwise. */
    public void writeEmptyTaggedFields() {
        if (flexible) {
            writeUnsignedVarint(0);
        }
    }

    /** A length or count: int32 (int16 is only for classic strings), or compact N+1 if flexible. */
    private void writeLength(int length) {
        if (flexible) {
            writeUnsignedVarint(length + 1);
        } else {
            out.writeInt(length);
        }
    }

    private static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new NullPointerException("null " + what + " where the schema does not allow it");
        }
        return value;
    }
}
