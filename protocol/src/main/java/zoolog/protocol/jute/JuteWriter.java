package zoolog.protocol.jute;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.Stat;

/**
 * Writes jute binary primitives ({@code org.apache.jute.BinaryOutputArchive} layout) straight into
 * a Netty {@link ByteBuf}: no intermediate arrays, strings encoded in place. It is the mirror of
 * {@link JuteReader} and sits on the server's reply path, so it stays allocation-free. Used by
 * whichever thread owns the target buffer; not thread-safe.
 *
 * <p>Strings are written as standard UTF-8. Apache's encoder differs only for characters outside
 * the Basic Multilingual Plane (it writes each surrogate as 3 bytes, CESU-8 style) and for lone
 * surrogates (which Netty writes as {@code '?'}); both read back correctly with
 * {@code new String(bytes, UTF_8)} except the lone surrogate, which no valid path contains.
 */
public final class JuteWriter {

    private final ByteBuf out;

    public JuteWriter(ByteBuf out) {
        this.out = out;
    }

    public void writeInt(int value) {
        out.writeInt(value);
    }

    public void writeLong(long value) {
        out.writeLong(value);
    }

    public void writeBool(boolean value) {
        out.writeByte(value ? 1 : 0);
    }

    /** Length-prefixed bytes; null is written as length -1. */
    public void writeBuffer(byte[] bytes) {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
    }

    /** Length-prefixed UTF-8; null is written as length -1. */
    public void writeString(String s) {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        int length = ByteBufUtil.utf8Bytes(s);
        out.writeInt(length);
        ByteBufUtil.reserveAndWriteUtf8(out, s, length);
    }

    /** {@code vector<ustring>}; a null list is written as count -1. */
    public void writeStringList(List<String> list) {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (int i = 0; i < list.size(); i++) {
            writeString(list.get(i));
        }
    }

    /** {@code vector<ACL>}; a null list is written as count -1. */
    public void writeAclList(List<Acl> list) {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (int i = 0; i < list.size(); i++) {
            Acl acl = list.get(i);
            out.writeInt(acl.perms());
            writeId(acl.id());
        }
    }

    /** {@code vector<Id>}, also the layout of whoAmI's {@code vector<ClientInfo>}. */
    public void writeIdList(List<Id> list) {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (int i = 0; i < list.size(); i++) {
            writeId(list.get(i));
        }
    }

    public void writeId(Id id) {
        writeString(id.scheme());
        writeString(id.id());
    }

    /** The 68-byte jute {@code Stat}. */
    public void writeStat(Stat stat) {
        out.writeLong(stat.czxid());
        out.writeLong(stat.mzxid());
        out.writeLong(stat.ctime());
        out.writeLong(stat.mtime());
        out.writeInt(stat.version());
        out.writeInt(stat.cversion());
        out.writeInt(stat.aversion());
        out.writeLong(stat.ephemeralOwner());
        out.writeInt(stat.dataLength());
        out.writeInt(stat.numChildren());
        out.writeLong(stat.pzxid());
    }
}
