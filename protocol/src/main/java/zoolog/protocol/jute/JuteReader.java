package zoolog.protocol.jute;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.Stat;

/**
 * Reads jute binary primitives ({@code org.apache.jute.BinaryInputArchive} layout) from one frame
 * held in a Netty {@link ByteBuf}, advancing its reader index. It is the only place that turns
 * untrusted lengths into allocations, so every read is checked first: a length or vector count is
 * rejected when it is negative (other than -1 for null), above {@code lengthMax}, or larger than
 * the bytes left in the frame — a hostile 2 GiB length costs nothing. Used on the Netty event loop
 * that owns the frame; not thread-safe, one instance per decode.
 *
 * <p>Vectors of -1 (null) decode as empty lists: no ZooKeeper record gives a null vector a meaning
 * distinct from an empty one, and it spares every consumer a null check. Strings and buffers keep
 * null, because null data and empty data are different znode contents.
 */
public final class JuteReader {

    /** Wire size of a jute {@code Stat}: four longs, three ints, a long, two ints, a long. */
    public static final int STAT_BYTES = 68;

    /** A string or buffer element is at least its 4-byte length. */
    private static final int STRING_BYTES_MIN = 4;
    /** An {@code Id} is two strings. */
    private static final int ID_BYTES_MIN = 2 * STRING_BYTES_MIN;
    /** An {@code ACL} is an int of perms and an {@code Id}. */
    private static final int ACL_BYTES_MIN = 4 + ID_BYTES_MIN;

    private final ByteBuf buf;
    private final int lengthMax;

    /**
     * @param buf the frame, positioned at the first byte to read
     * @param lengthMax the largest buffer or string length and vector count accepted (ZooKeeper's
     *     {@code jute.maxbuffer})
     */
    public JuteReader(ByteBuf buf, int lengthMax) {
        if (lengthMax < 0) {
            throw new IllegalArgumentException("lengthMax must not be negative: " + lengthMax);
        }
        this.buf = buf;
        this.lengthMax = lengthMax;
    }

    /** Bytes left unread in the frame. */
    public int remaining() {
        return buf.readableBytes();
    }

    public int readInt() throws JuteException {
        need(Integer.BYTES, "int");
        return buf.readInt();
    }

    public long readLong() throws JuteException {
        need(Long.BYTES, "long");
        return buf.readLong();
    }

    /** Any non-zero byte is true, as {@code DataInput.readBoolean} reads it. */
    public boolean readBool() throws JuteException {
        need(1, "boolean");
        return buf.readByte() != 0;
    }

    /** A length-prefixed byte array; length -1 is null. */
    public byte[] readBuffer() throws JuteException {
        int length = readLength("buffer");
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** A length-prefixed UTF-8 string; length -1 is null. Malformed UTF-8 becomes U+FFFD. */
    public String readString() throws JuteException {
        int length = readLength("string");
        if (length == -1) {
            return null;
        }
        String s = buf.toString(buf.readerIndex(), length, StandardCharsets.UTF_8);
        buf.skipBytes(length);
        return s;
    }

    /** {@code vector<ustring>}; elements may be null. */
    public List<String> readStringList() throws JuteException {
        int count = readCount("string vector", STRING_BYTES_MIN);
        if (count <= 0) {
            return List.of();
        }
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readString());
        }
        return Collections.unmodifiableList(list);
    }

    /** {@code vector<ACL>}. */
    public List<Acl> readAclList() throws JuteException {
        int count = readCount("acl vector", ACL_BYTES_MIN);
        if (count <= 0) {
            return List.of();
        }
        List<Acl> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int perms = readInt();
            list.add(new Acl(perms, readId()));
        }
        return Collections.unmodifiableList(list);
    }

    /** {@code vector<Id>}, also the layout of whoAmI's {@code vector<ClientInfo>}. */
    public List<Id> readIdList() throws JuteException {
        int count = readCount("id vector", ID_BYTES_MIN);
        if (count <= 0) {
            return List.of();
        }
        List<Id> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readId());
        }
        return Collections.unmodifiableList(list);
    }

    public Id readId() throws JuteException {
        String scheme = readString();
        return new Id(scheme, readString());
    }

    public Stat readStat() throws JuteException {
        need(STAT_BYTES, "stat");
        return new Stat(
                buf.readLong(), buf.readLong(), buf.readLong(), buf.readLong(),
                buf.readInt(), buf.readInt(), buf.readInt(),
                buf.readLong(),
                buf.readInt(), buf.readInt(),
                buf.readLong());
    }

    private void need(int bytes, String what) throws JuteException {
        if (buf.readableBytes() < bytes) {
            throw new JuteException("truncated frame: " + what + " needs " + bytes + " bytes, "
                    + buf.readableBytes() + " remain");
        }
    }

    /** Reads a buffer or string length: -1, or a value that fits the limit and the frame. */
    private int readLength(String what) throws JuteException {
        int length = readInt();
        if (length == -1) {
            return -1;
        }
        if (length < 0) {
            throw new JuteException("negative " + what + " length " + length);
        }
        if (length > lengthMax) {
            throw new JuteException(what + " length " + length + " exceeds limit " + lengthMax);
        }
        if (length > buf.readableBytes()) {
            throw new JuteException("truncated frame: " + what + " length " + length + " but "
                    + buf.readableBytes() + " bytes remain");
        }
        return length;
    }

    /** Reads a vector count: -1, or a count whose smallest possible encoding fits the frame. */
    private int readCount(String what, int elementBytesMin) throws JuteException {
        int count = readInt();
        if (count == -1) {
            return -1;
        }
        if (count < 0) {
            throw new JuteException("negative " + what + " count " + count);
        }
        if (count > lengthMax) {
            throw new JuteException(what + " count " + count + " exceeds limit " + lengthMax);
        }
        if ((long) count * elementBytesMin > buf.readableBytes()) {
            throw new JuteException("truncated frame: " + what + " of " + count + " elements cannot fit in "
                    + buf.readableBytes() + " bytes");
        }
        return count;
    }
}
