package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static zoolog.protocol.zk.DeepEquality.assertDeepEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import zoolog.protocol.jute.JuteException;

/** decode(encode(x)) == x for every request, reply, notification and connect record. */
class ZkCodecRoundTripTest {

    private static final int LENGTH_MAX = 0xfffff;

    @Property
    void requestsRoundTrip(@ForAll("requests") ZkRequest request, @ForAll int xid) throws JuteException {
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeRequest(xid, request, out));
        DecodedRequest decoded = ZkCodec.decodeRequest(frame, LENGTH_MAX);
        assertEquals(xid, decoded.xid());
        assertEquals(request.opCode(), decoded.opCode());
        assertDeepEquals(request, decoded.request());
        assertEquals(0, frame.readableBytes(), "decoder must consume the whole body");
    }

    @Property
    void repliesRoundTrip(@ForAll("responses") ZkResponse body, @ForAll int xid, @ForAll long zxid)
            throws JuteException {
        int replyXid = xid == Xid.NOTIFICATION ? 1 : xid;
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeReply(replyXid, zxid, 0, body, out));
        DecodedReply decoded = ZkCodec.decodeReply(frame, ZkArbitraries.requestOpCodeFor(body));
        assertEquals(new DecodedReply(replyXid, zxid, 0, decoded.body()), decoded);
        assertDeepEquals(body, decoded.body());
        assertEquals(0, frame.readableBytes());
    }

    @Property
    void errorRepliesCarryNoBody(@ForAll("responses") ZkResponse body, @ForAll int xid, @ForAll long zxid)
            throws JuteException {
        int replyXid = xid == Xid.NOTIFICATION ? 1 : xid;
        int err = ErrorCode.NO_NODE.code();
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeReply(replyXid, zxid, err, body, out));
        assertEquals(ZkCodec.REPLY_HEADER_BYTES, frame.readableBytes());
        assertEquals(new DecodedReply(replyXid, zxid, err, null),
                ZkCodec.decodeReply(frame, ZkArbitraries.requestOpCodeFor(body)));
    }

    @Property
    void notificationsRoundTrip(@ForAll("watcherEvents") WatcherEvent event, @ForAll long zxid) throws JuteException {
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeNotification(zxid, event, out));
        assertEquals(Xid.NOTIFICATION, ZkCodec.peekXid(frame));
        assertEquals(new DecodedNotification(zxid, event), ZkCodec.decodeNotification(frame));
        assertEquals(0, frame.readableBytes());
    }

    @Property
    void connectRequestsRoundTrip(@ForAll("connectRequests") ConnectRequest request) throws JuteException {
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeConnectRequest(request, out));
        assertDeepEquals(request, ZkCodec.decodeConnectRequest(frame, LENGTH_MAX));
        assertEquals(0, frame.readableBytes());
    }

    @Property
    void connectResponsesRoundTrip(@ForAll("connectResponses") ConnectResponse response) throws JuteException {
        ByteBuf frame = encodedFrame(out -> ZkCodec.encodeConnectResponse(response, out));
        assertDeepEquals(response, ZkCodec.decodeConnectResponse(frame));
        assertEquals(0, frame.readableBytes());
    }

    /** Encodes into a buffer that already holds bytes, checks the length prefix, returns the payload. */
    static ByteBuf encodedFrame(java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(new byte[] {9, 9, 9});
        encoder.accept(out);
        out.skipBytes(3);
        int length = out.readInt();
        assertEquals(out.readableBytes(), length, "length prefix must equal the payload size");
        return out;
    }

    @Provide
    Arbitrary<ZkRequest> requests() {
        return ZkArbitraries.requests();
    }

    @Provide
    Arbitrary<ZkResponse> responses() {
        return ZkArbitraries.responses();
    }

    @Provide
    Arbitrary<WatcherEvent> watcherEvents() {
        return ZkArbitraries.watcherEvents();
    }

    @Provide
    Arbitrary<ConnectRequest> connectRequests() {
        return ZkArbitraries.connectRequests();
    }

    @Provide
    Arbitrary<ConnectResponse> connectResponses() {
        return ZkArbitraries.connectResponses();
    }
}
