package zoolog.protocol.jute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.Stat;

class JuteReaderWriterTest {

    private static final int LENGTH_MAX = 0xfffff;

    @Test
    void primitivesAreBigEndian() throws JuteException {
        ByteBuf buf = Unpooled.buffer();
        JuteWriter w = new JuteWriter(buf);
        w.writeInt(0x01020304);
        w.writeLong(-2L);
        w.writeBool(true);
        w.writeBool(false);
        assertEquals("01020304" + "fffffffffffffffe" + "01" + "00", ByteBufUtil.hexDump(buf));

        JuteReader r = new JuteReader(buf, LENGTH_MAX);
        assertEquals(0x01020304, r.readInt());
        assertEquals(-2L, r.readLong());
        assertTrue(r.readBool());
        assertFalse(r.readBool());
        assertEquals(0, r.remaining());
    }

    @Test
    void anyNonZeroByteReadsAsTrue() throws JuteException {
        assertTrue(reader("7f").readBool());
    }

    @Test
    void nullBufferAndStringAreLengthMinusOne() throws JuteException {
        ByteBuf buf = Unpooled.buffer();
        JuteWriter w = new JuteWriter(buf);
        w.writeBuffer(null);
        w.writeString(null);
        w.writeBuffer(new byte[0]);
        w.writeString("");
        assertEquals("ffffffff" + "ffffffff" + "00000000" + "00000000", ByteBufUtil.hexDump(buf));

        JuteReader r = new JuteReader(buf, LENGTH_MAX);
        assertNull(r.readBuffer());
        assertNull(r.readString());
        assertArrayEquals(new byte[0], r.readBuffer());
        assertEquals("", r.readString());
    }

    @Test
    void stringsAreUtf8IncludingSupplementaryCharacters() throws JuteException {
        String s = "/é日\uD83D\uDE00";
        ByteBuf buf = Unpooled.buffer();
        new JuteWriter(buf).writeString(s);
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(1 + 2 + 3 + 4, utf8.length);
        assertEquals(String.format("%08x", utf8.length) + ByteBufUtil.hexDump(utf8), ByteBufUtil.hexDump(buf));
        assertEquals(s, new JuteReader(buf, LENGTH_MAX).readString());
    }

    @Test
    void cesuEncodedSurrogatesDecodeLikeApacheJute() throws JuteException {
        // Apache's jute encoder writes each UTF-16 unit on its own (3 bytes per surrogate); its
        // decoder then reads them with new String(bytes, UTF_8). Ours must read them the same way.
        byte[] cesu = {'/', (byte) 0xed, (byte) 0xa0, (byte) 0xbd, (byte) 0xed, (byte) 0xb8, (byte) 0x80};
        ByteBuf buf = Unpooled.buffer();
        new JuteWriter(buf).writeBuffer(cesu);
        assertEquals(new String(cesu, StandardCharsets.UTF_8), new JuteReader(buf, LENGTH_MAX).readString());
    }

    @Test
    void listsAclsIdsAndStatRoundTrip() throws JuteException {
        List<String> strings = Arrays.asList("a", null, "");
        List<Acl> acls = List.of(new Acl(31, Id.ANYONE), new Acl(1, new Id("digest", "u:x")));
        List<Id> ids = List.of(new Id("ip", "127.0.0.1"), new Id(null, "x"));
        Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        ByteBuf buf = Unpooled.buffer();
        JuteWriter w = new JuteWriter(buf);
        w.writeStringList(strings);
        w.writeAclList(acls);
        w.writeIdList(ids);
        w.writeStat(stat);
        w.writeStringList(null);

        JuteReader r = new JuteReader(buf, LENGTH_MAX);
        assertEquals(strings, r.readStringList());
        assertEquals(acls, r.readAclList());
        assertEquals(ids, r.readIdList());
        assertEquals(stat, r.readStat());
        assertEquals(List.of(), r.readStringList(), "a null vector reads as an empty list");
        assertEquals(0, r.remaining());
    }

    @Test
    void statIs68Bytes() {
        ByteBuf buf = Unpooled.buffer();
        new JuteWriter(buf).writeStat(new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        assertEquals(JuteReader.STAT_BYTES, buf.readableBytes());
        assertEquals("0000000000000001" + "0000000000000002" + "0000000000000003" + "0000000000000004"
                + "00000005" + "00000006" + "00000007" + "0000000000000008" + "00000009" + "0000000a"
                + "000000000000000b", ByteBufUtil.hexDump(buf));
    }

    @Test
    void lengthAboveLimitIsRejectedWithItsValues() {
        JuteException e = assertThrows(JuteException.class, () -> reader("004c4b40", 1_048_575).readString());
        assertEquals("string length 5000000 exceeds limit 1048575", e.getMessage());
    }

    @Test
    void negativeLengthOtherThanMinusOneIsRejected() {
        assertEquals("negative buffer length -2",
                assertThrows(JuteException.class, () -> reader("fffffffe").readBuffer()).getMessage());
        assertThrows(JuteException.class, () -> reader("80000000").readString());
        assertThrows(JuteException.class, () -> reader("fffffffe").readStringList());
    }

    @Test
    void hugeDeclaredLengthsFailBeforeAllocating() {
        // lengthMax out of the way: only the bytes left in the frame can stop these.
        assertThrows(JuteException.class, () -> reader("7fffffff01", Integer.MAX_VALUE).readBuffer());
        assertThrows(JuteException.class, () -> reader("7fffffff01", Integer.MAX_VALUE).readString());
        assertThrows(JuteException.class, () -> reader("7fffffff00000000", Integer.MAX_VALUE).readStringList());
        assertThrows(JuteException.class, () -> reader("7fffffff00000000", Integer.MAX_VALUE).readAclList());
        assertThrows(JuteException.class, () -> reader("7fffffff00000000", Integer.MAX_VALUE).readIdList());
    }

    @Test
    void vectorCountMustFitTheFrame() {
        // three strings need at least 12 bytes; 8 remain
        JuteException e = assertThrows(JuteException.class,
                () -> reader("00000003" + "00000000" + "00000000").readStringList());
        assertEquals("truncated frame: string vector of 3 elements cannot fit in 8 bytes", e.getMessage());
        assertThrows(JuteException.class, () -> reader("00000002" + "00000000", 1).readStringList(),
                "count above lengthMax");
    }

    @Test
    void truncatedPrimitivesAreRejected() {
        assertEquals("truncated frame: int needs 4 bytes, 3 remain",
                assertThrows(JuteException.class, () -> reader("000000").readInt()).getMessage());
        assertThrows(JuteException.class, () -> reader("00000000000000").readLong());
        assertThrows(JuteException.class, () -> reader("").readBool());
        assertThrows(JuteException.class, () -> reader("00".repeat(67)).readStat());
        assertThrows(JuteException.class, () -> reader("00000002" + "61").readString());
    }

    private static JuteReader reader(String hex) {
        return reader(hex, LENGTH_MAX);
    }

    private static JuteReader reader(String hex, int lengthMax) {
        return new JuteReader(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)), lengthMax);
    }
}
