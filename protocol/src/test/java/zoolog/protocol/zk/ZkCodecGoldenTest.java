package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.protocol.zk.DeepEquality.assertDeepEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import zoolog.protocol.jute.JuteException;

/**
 * Exact bytes for representative frames, worked out by hand from {@code zookeeper.jute}: every
 * field big-endian, strings and buffers as int length + bytes, records concatenated.
 */
class ZkCodecGoldenTest {

    private static final int LENGTH_MAX = 0xfffff;
    private static final String PASSWORD_HEX = "000102030405060708090a0b0c0d0e0f";
    private static final byte[] PASSWORD = ByteBufUtil.decodeHexDump(PASSWORD_HEX);

    @Test
    void connectResponseIs36BytesPlusOptionalReadOnly() {
        String body = "00000000" // protocolVersion
                + "00007530" // timeOut 30000
                + "0102030405060708" // sessionId
                + "00000010" + PASSWORD_HEX; // passwd
        assertEquals("00000025" + body + "01",
                hex(out -> ZkCodec.encodeConnectResponse(
                        new ConnectResponse(0, 30_000, 0x0102030405060708L, PASSWORD, true, true), out)));
        assertEquals("00000024" + body,
                hex(out -> ZkCodec.encodeConnectResponse(
                        new ConnectResponse(0, 30_000, 0x0102030405060708L, PASSWORD, true, false), out)));
    }

    @Test
    void connectRequestIs44BytesPlusOptionalReadOnly() throws JuteException {
        String body = "00000000" // protocolVersion
                + "0000000000000100" // lastZxidSeen
                + "00002710" // timeOut 10000
                + "0000000000000000" // sessionId: new session
                + "00000010" + PASSWORD_HEX;
        assertEquals(44, body.length() / 2);

        ConnectRequest withByte = ZkCodec.decodeConnectRequest(frame(body + "00"), LENGTH_MAX);
        assertDeepEquals(new ConnectRequest(0, 0x100, 10_000, 0, PASSWORD, false, true), withByte);
        ConnectRequest without = ZkCodec.decodeConnectRequest(frame(body), LENGTH_MAX);
        assertFalse(without.readOnlyPresent());
        assertTrue(ZkCodec.decodeConnectRequest(frame(body + "01"), LENGTH_MAX).readOnly());
        assertEquals("0000002d" + body + "01",
                hex(out -> ZkCodec.encodeConnectRequest(new ConnectRequest(0, 0x100, 10_000, 0, PASSWORD, true, true), out)));
    }

    @Test
    void pingReplyIsAHeaderAlone() {
        assertEquals("00000010" + "fffffffe" + "0000000000000010" + "00000000",
                hex(out -> ZkCodec.encodeReply(Xid.PING, 0x10, 0, null, out)));
        assertEquals("00000010" + "fffffffe" + "0000000000000010" + "00000000",
                hex(out -> ZkCodec.encodeReply(Xid.PING, 0x10, 0, ZkResponse.Empty.INSTANCE, out)));
    }

    @Test
    void errorReplyDropsTheBody() {
        assertEquals("00000010" + "00000007" + "0000000000000003" + "ffffff9b",
                hex(out -> ZkCodec.encodeReply(7, 3, ErrorCode.NO_NODE.code(),
                        new ZkResponse.Sync("/ignored"), out)));
    }

    @Test
    void getDataReplyIsBufferThenStat() {
        Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 2, 10, 11);
        String statHex = "0000000000000001" + "0000000000000002" + "0000000000000003" + "0000000000000004"
                + "00000005" + "00000006" + "00000007" + "0000000000000008" + "00000002" + "0000000a"
                + "000000000000000b";
        // 16 header + 4 + 2 data + 68 stat = 90 = 0x5a
        assertEquals("0000005a" + "00000009" + "0000000000000064" + "00000000" + "00000002" + "6869" + statHex,
                hex(out -> ZkCodec.encodeReply(9, 100, 0, new ZkResponse.GetData(new byte[] {'h', 'i'}, stat), out)));
        // null data: length -1
        assertEquals("00000058" + "00000009" + "0000000000000064" + "00000000" + "ffffffff" + statHex,
                hex(out -> ZkCodec.encodeReply(9, 100, 0, new ZkResponse.GetData(null, stat), out)));
    }

    @Test
    void notificationIsReplyHeaderMinusOneThenWatcherEvent() {
        assertEquals("0000001e" + "ffffffff" + "0000000000000005" + "00000000"
                        + "00000003" + "00000003" + "00000002" + "2f78",
                hex(out -> ZkCodec.encodeNotification(5,
                        new WatcherEvent(Watches.EVENT_NODE_DATA_CHANGED, Watches.STATE_SYNC_CONNECTED, "/x"), out)));
    }

    @Test
    void getDataRequestDecodes() throws JuteException {
        DecodedRequest decoded = ZkCodec.decodeRequest(frame("00000001" + "00000004" + "00000002" + "2f61" + "01"),
                LENGTH_MAX);
        assertEquals(new DecodedRequest(1, OpCode.GET_DATA, new ZkRequest.GetData("/a", true)), decoded);
        assertEquals("0000000f" + "00000001" + "00000004" + "00000002" + "2f61" + "01",
                hex(out -> ZkCodec.encodeRequest(1, new ZkRequest.GetData("/a", true), out)));
    }

    @Test
    void createRequestWithNullDataAndOpenAcl() throws JuteException {
        String body = "00000002" + "2f6e" // path "/n"
                + "ffffffff" // data null
                + "00000001" + "0000001f" + "00000005" + "776f726c64" + "00000006" + "616e796f6e65" // [ALL world:anyone]
                + "00000003"; // flags EPHEMERAL_SEQUENTIAL
        ZkRequest expected = new ZkRequest.Create(OpCode.CREATE2, "/n", null, Acl.OPEN_ACL_UNSAFE, 3, -1);
        assertDeepEquals(new DecodedRequest(4, OpCode.CREATE2, expected),
                ZkCodec.decodeRequest(frame("00000004" + "0000000f" + body), LENGTH_MAX));
        // createTTL appends the ttl
        ZkRequest ttl = new ZkRequest.Create(OpCode.CREATE_TTL, "/n", null, Acl.OPEN_ACL_UNSAFE, 3, 0x7b);
        assertDeepEquals(ttl, ZkCodec.decodeRequest(
                frame("00000004" + "00000015" + body + "000000000000007b"), LENGTH_MAX).request());
    }

    @Test
    void headerOnlyRequests() throws JuteException {
        assertEquals(new DecodedRequest(Xid.PING, OpCode.PING, new ZkRequest.Ping()),
                ZkCodec.decodeRequest(frame("fffffffe" + "0000000b"), LENGTH_MAX));
        assertEquals(new DecodedRequest(8, OpCode.CLOSE_SESSION, new ZkRequest.CloseSession()),
                ZkCodec.decodeRequest(frame("00000008" + "fffffff5"), LENGTH_MAX));
        assertEquals(new DecodedRequest(9, OpCode.WHO_AM_I, new ZkRequest.WhoAmI()),
                ZkCodec.decodeRequest(frame("00000009" + "0000006b"), LENGTH_MAX));
    }

    @Test
    void authPacket() throws JuteException {
        DecodedRequest decoded = ZkCodec.decodeRequest(
                frame("fffffffc" + "00000064" + "00000000" + "00000006" + "646967657374" + "00000003" + "613a62"),
                LENGTH_MAX);
        assertEquals(Xid.AUTH, decoded.xid());
        assertDeepEquals(new ZkRequest.Auth(0, "digest", new byte[] {'a', ':', 'b'}), decoded.request());
    }

    @Test
    void unknownAndNonTopLevelOpCodesDecodeToNull() throws JuteException {
        for (int opCode : new int[] {10, 23, 99, 999, OpCode.CHECK, OpCode.CREATE_SESSION, OpCode.DELETE_CONTAINER,
                OpCode.NOTIFICATION, OpCode.ERROR}) {
            DecodedRequest decoded = ZkCodec.decodeRequest(
                    frame("00000005" + String.format("%08x", opCode) + "0102"), LENGTH_MAX);
            assertEquals(new DecodedRequest(5, opCode, null), decoded);
        }
    }

    @Test
    void trailingBytesAfterACompleteRequestAreIgnored() throws JuteException {
        assertEquals(new ZkRequest.Sync("/a"),
                ZkCodec.decodeRequest(frame("00000001" + "00000009" + "00000002" + "2f61" + "deadbeef"), LENGTH_MAX)
                        .request());
    }

    @Test
    void emptyMultiIsJustTheTerminator() throws JuteException {
        String terminator = "ffffffff" + "01" + "ffffffff";
        assertEquals("00000011" + "00000002" + "0000000e" + terminator,
                hex(out -> ZkCodec.encodeRequest(2, new ZkRequest.Multi(OpCode.MULTI, List.of()), out)));
        assertEquals(new ZkRequest.Multi(OpCode.MULTI_READ, List.of()),
                ZkCodec.decodeRequest(frame("00000002" + "00000016" + terminator), LENGTH_MAX).request());
    }

    @Test
    void multiWithCheckAndDelete() throws JuteException {
        String ops = "0000000d" + "00" + "ffffffff" + "00000002" + "2f61" + "00000001" // check /a v1
                + "00000002" + "00" + "ffffffff" + "00000002" + "2f62" + "ffffffff" // delete /b any version
                + "ffffffff" + "01" + "ffffffff";
        assertEquals(new ZkRequest.Multi(OpCode.MULTI, List.of(new ZkRequest.Check("/a", 1), new ZkRequest.Delete("/b", -1))),
                ZkCodec.decodeRequest(frame("00000003" + "0000000e" + ops), LENGTH_MAX).request());
    }

    @Test
    void opsNotAllowedInThatKindOfMultiAreRejected() {
        String getDataOp = "00000004" + "00" + "ffffffff" + "00000002" + "2f61" + "00";
        String deleteOp = "00000002" + "00" + "ffffffff" + "00000002" + "2f61" + "ffffffff";
        String terminator = "ffffffff" + "01" + "ffffffff";
        JuteException e = assertThrows(JuteException.class,
                () -> ZkCodec.decodeRequest(frame("00000003" + "0000000e" + getDataOp + terminator), LENGTH_MAX));
        assertEquals("MULT request (xid 3): op type 4 is not allowed in MULT (op 0)", e.getMessage());
        assertThrows(JuteException.class,
                () -> ZkCodec.decodeRequest(frame("00000003" + "00000016" + deleteOp + terminator), LENGTH_MAX));
        String nestedMulti = "0000000e" + "00" + "ffffffff" + terminator;
        assertThrows(JuteException.class,
                () -> ZkCodec.decodeRequest(frame("00000003" + "0000000e" + nestedMulti + terminator), LENGTH_MAX));
        assertThrows(IllegalArgumentException.class, () -> ZkCodec.encodeRequest(1,
                new ZkRequest.Multi(OpCode.MULTI, List.of(new ZkRequest.GetData("/a", false))), Unpooled.buffer()));
    }

    @Test
    void multiReplyUsesResultTypesAndRepeatsErrorsInHeaderAndBody() {
        Stat stat = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        String statHex = "00".repeat(68);
        ZkResponse.Multi multi = new ZkResponse.Multi(List.of(
                new ZkResponse.OpResult.Create("/a"),
                new ZkResponse.OpResult.Create2("/b", stat),
                new ZkResponse.OpResult.Error(ErrorCode.NODE_EXISTS.code())));
        String body = "00000001" + "00" + "00000000" + "00000002" + "2f61"
                + "0000000f" + "00" + "00000000" + "00000002" + "2f62" + statHex
                + "ffffffff" + "00" + "ffffff92" + "ffffff92"
                + "ffffffff" + "01" + "ffffffff";
        String header = "00000006" + "0000000000000001" + "00000000";
        assertEquals(String.format("%08x", (header + body).length() / 2) + header + body,
                hex(out -> ZkCodec.encodeReply(6, 1, 0, multi, out)));
    }

    @Test
    void addWatchReplyIsABareInt() {
        assertEquals("00000014" + "0000000c" + "0000000000000001" + "00000000" + "00000000",
                hex(out -> ZkCodec.encodeReply(12, 1, 0, new ZkResponse.ErrorBody(0), out)));
    }

    @Test
    void createContainerReplyReadsWithOrWithoutStat() throws JuteException {
        Stat stat = new Stat(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);
        ByteBuf full = ZkCodecRoundTripTest.encodedFrame(
                out -> ZkCodec.encodeReply(3, 1, 0, new ZkResponse.Create2("/c", stat), out));
        assertEquals(new ZkResponse.Create2("/c", stat), ZkCodec.decodeReply(full, OpCode.CREATE_CONTAINER).body());
        ByteBuf pathOnly = ZkCodecRoundTripTest.encodedFrame(
                out -> ZkCodec.encodeReply(3, 1, 0, new ZkResponse.Create("/c"), out));
        assertEquals(new ZkResponse.Create("/c"), ZkCodec.decodeReply(pathOnly, OpCode.CREATE_CONTAINER).body());
    }

    @Test
    void clientSideSeparatesNotificationsFromReplies() throws JuteException {
        ByteBuf notification = ZkCodecRoundTripTest.encodedFrame(
                out -> ZkCodec.encodeNotification(-1, new WatcherEvent(1, 3, "/n"), out));
        assertEquals(Xid.NOTIFICATION, ZkCodec.peekXid(notification));
        assertThrows(JuteException.class, () -> ZkCodec.decodeReply(notification.duplicate(), OpCode.GET_DATA));
        assertEquals(new DecodedNotification(-1, new WatcherEvent(1, 3, "/n")), ZkCodec.decodeNotification(notification));

        ByteBuf reply = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeReply(Xid.PING, 4, 0, null, out));
        assertThrows(JuteException.class, () -> ZkCodec.decodeNotification(reply.duplicate()));
        assertEquals(new DecodedReply(Xid.PING, 4, 0, ZkResponse.Empty.INSTANCE), ZkCodec.decodeReply(reply, OpCode.PING));
        assertThrows(JuteException.class, () -> ZkCodec.peekXid(frame("00000001")));
    }

    @Test
    void errorMessagesNameTheRequest() {
        JuteException e = assertThrows(JuteException.class,
                () -> ZkCodec.decodeRequest(frame("00000007" + "00000004" + "004c4b40"), 1_048_575));
        assertEquals("GETD request (xid 7): string length 5000000 exceeds limit 1048575", e.getMessage());
        assertEquals("truncated frame: request header needs 8 bytes, 4 remain",
                assertThrows(JuteException.class, () -> ZkCodec.decodeRequest(frame("00000007"), 10)).getMessage());
        assertNull(assertThrows(JuteException.class,
                () -> ZkCodec.decodeConnectRequest(frame("00"), 10)).getCause());
    }

    private static ByteBuf frame(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
    }

    private static String hex(Consumer<ByteBuf> encoder) {
        ByteBuf out = Unpooled.buffer();
        encoder.accept(out);
        return ByteBufUtil.hexDump(out);
    }
}
