package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.protocol.zk.DeepEquality.assertDeepEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.jute.BinaryInputArchive;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.WatcherEvent;
import org.apache.zookeeper.proto.WhoAmIResponse;
import org.junit.jupiter.api.Test;
import zoolog.protocol.jute.JuteException;

/**
 * Ground truth: Apache ZooKeeper 3.9's own jute records and client classes. For every request and
 * reply kind, our encoder must produce exactly the bytes Apache's {@code BinaryOutputArchive} does,
 * our decoder must read Apache's bytes back to the same record, and Apache's classes must read
 * our frames (connect, replies, multi, notifications) to the same values.
 */
class OfficialClientCompatTest {

    private static final int LENGTH_MAX = 0xfffff;

    @Property
    void requestBytesEqualApacheJute(@ForAll("requests") ZkRequest request, @ForAll int xid) throws JuteException {
        byte[] official = OfficialJute.serialize(new RequestHeader(xid, request.opCode()), OfficialJute.request(request));
        ByteBuf ours = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeRequest(xid, request, out));
        assertEquals(ByteBufUtil.hexDump(official), ByteBufUtil.hexDump(ours));

        DecodedRequest decoded = ZkCodec.decodeRequest(Unpooled.wrappedBuffer(official), LENGTH_MAX);
        assertEquals(xid, decoded.xid());
        assertDeepEquals(request, decoded.request());
    }

    @Property
    void replyBytesEqualApacheJute(@ForAll("responses") ZkResponse body, @ForAll int xid, @ForAll long zxid)
            throws JuteException {
        byte[] official = OfficialJute.serialize(new ReplyHeader(xid, zxid, 0), OfficialJute.response(body));
        ByteBuf ours = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeReply(xid, zxid, 0, body, out));
        assertEquals(ByteBufUtil.hexDump(official), ByteBufUtil.hexDump(ours));

        if (xid != Xid.NOTIFICATION) {
            DecodedReply decoded = ZkCodec.decodeReply(Unpooled.wrappedBuffer(official),
                    ZkArbitraries.requestOpCodeFor(body));
            assertDeepEquals(body, decoded.body());
        }
    }

    @Property
    void notificationBytesEqualApacheJute(@ForAll("watcherEvents") zoolog.protocol.zk.WatcherEvent event,
            @ForAll long zxid) {
        byte[] official = OfficialJute.serialize(new ReplyHeader(Xid.NOTIFICATION, zxid, 0),
                new WatcherEvent(event.type(), event.state(), event.path()));
        ByteBuf ours = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeNotification(zxid, event, out));
        assertEquals(ByteBufUtil.hexDump(official), ByteBufUtil.hexDump(ours));
    }

    @Property
    void connectRequestBytesEqualApacheJute(@ForAll("connectRequests") ConnectRequest request) throws JuteException {
        byte[] official = OfficialJute.serialize(new org.apache.zookeeper.proto.ConnectRequest(request.protocolVersion(),
                request.lastZxidSeen(), request.timeoutMillis(), request.sessionId(), request.password(),
                request.readOnly()));
        // Apache's 3.9 record always writes readOnly; without it the frame is one byte shorter.
        byte[] expected = request.readOnlyPresent() ? official : Arrays.copyOf(official, official.length - 1);
        ByteBuf ours = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeConnectRequest(request, out));
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(ours));
        assertDeepEquals(request, ZkCodec.decodeConnectRequest(Unpooled.wrappedBuffer(expected), LENGTH_MAX));
    }

    @Property
    void connectResponseBytesEqualApacheJute(@ForAll("connectResponses") ConnectResponse response) {
        byte[] official = OfficialJute.serialize(new org.apache.zookeeper.proto.ConnectResponse(
                response.protocolVersion(), response.timeoutMillis(), response.sessionId(), response.password(),
                response.readOnly()));
        byte[] expected = response.includeReadOnly() ? official : Arrays.copyOf(official, official.length - 1);
        ByteBuf ours = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeConnectResponse(response, out));
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(ours));
    }

    // ---- Apache client classes write, we read ---------------------------------------------------

    @Test
    void multiOperationRecordFromApacheOps() throws JuteException {
        List<org.apache.zookeeper.data.ACL> open = ZooDefs.Ids.OPEN_ACL_UNSAFE;
        MultiOperationRecord record = new MultiOperationRecord(List.of(
                Op.create("/p", new byte[] {1}, open, CreateMode.PERSISTENT),
                Op.create("/c", null, open, CreateMode.CONTAINER),
                Op.create("/t", new byte[0], open, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, 5000),
                Op.delete("/d", 3),
                Op.setData("/s", new byte[] {2, 3}, -1),
                Op.check("/k", 7)));
        DecodedRequest decoded = ZkCodec.decodeRequest(
                Unpooled.wrappedBuffer(OfficialJute.serialize(new RequestHeader(11, ZooDefs.OpCode.multi), record)),
                LENGTH_MAX);

        List<Acl> openAcl = Acl.OPEN_ACL_UNSAFE;
        assertDeepEquals(new DecodedRequest(11, OpCode.MULTI, new ZkRequest.Multi(OpCode.MULTI, List.of(
                new ZkRequest.Create(OpCode.CREATE, "/p", new byte[] {1}, openAcl, 0, -1),
                new ZkRequest.Create(OpCode.CREATE_CONTAINER, "/c", null, openAcl, 4, -1),
                new ZkRequest.Create(OpCode.CREATE_TTL, "/t", new byte[0], openAcl, 6, 5000),
                new ZkRequest.Delete("/d", 3),
                new ZkRequest.SetData("/s", new byte[] {2, 3}, -1),
                new ZkRequest.Check("/k", 7)))), decoded);
    }

    @Test
    void multiReadRecordFromApacheOps() throws JuteException {
        MultiOperationRecord record = new MultiOperationRecord(List.of(Op.getData("/a"), Op.getChildren("/b")));
        DecodedRequest decoded = ZkCodec.decodeRequest(Unpooled.wrappedBuffer(
                OfficialJute.serialize(new RequestHeader(12, ZooDefs.OpCode.multiRead), record)), LENGTH_MAX);
        assertEquals(new ZkRequest.Multi(OpCode.MULTI_READ, List.of(
                new ZkRequest.GetData("/a", false),
                new ZkRequest.GetChildren(OpCode.GET_CHILDREN, "/b", false))), decoded.request());
    }

    @Test
    void setWatches2FromApache() throws JuteException {
        SetWatches2 record = new SetWatches2(0x55, List.of("/d"), List.of("/e1", "/e2"), List.of(), List.of("/p"),
                List.of("/r"));
        DecodedRequest decoded = ZkCodec.decodeRequest(Unpooled.wrappedBuffer(
                OfficialJute.serialize(new RequestHeader(Xid.SET_WATCHES, ZooDefs.OpCode.setWatches2), record)),
                LENGTH_MAX);
        assertEquals(new DecodedRequest(Xid.SET_WATCHES, OpCode.SET_WATCHES2, new ZkRequest.SetWatches(
                OpCode.SET_WATCHES2, 0x55, List.of("/d"), List.of("/e1", "/e2"), List.of(), List.of("/p"),
                List.of("/r"))), decoded);
    }

    @Test
    void supplementaryCharactersDecodeAsApacheDecodesThem() throws IOException, JuteException {
        // Apache writes "😀" as two 3-byte surrogates; whatever its own reader makes of that, so must we.
        CreateRequest record = new CreateRequest("/\uD83D\uDE00", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, 0);
        byte[] bytes = OfficialJute.serialize(record);
        CreateRequest apacheRead = new CreateRequest();
        apacheRead.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(bytes)), "r");
        ByteBuf frame = Unpooled.buffer().writeInt(1).writeInt(OpCode.CREATE).writeBytes(bytes);
        ZkRequest.Create ours = (ZkRequest.Create) ZkCodec.decodeRequest(frame, LENGTH_MAX).request();
        assertEquals(apacheRead.getPath(), ours.path());
    }

    // ---- we write, Apache classes read ---------------------------------------------------------

    @Test
    void apacheReadsOurConnectResponse() throws IOException {
        byte[] password = new byte[16];
        Arrays.fill(password, (byte) 7);
        BinaryInputArchive in = archive(out -> ZkCodec.encodeConnectResponse(
                new ConnectResponse(0, 12_000, 0x1234L, password, true, true), out));
        org.apache.zookeeper.proto.ConnectResponse response = new org.apache.zookeeper.proto.ConnectResponse();
        response.deserialize(in, "connect");
        assertEquals(0, response.getProtocolVersion());
        assertEquals(12_000, response.getTimeOut());
        assertEquals(0x1234L, response.getSessionId());
        assertArrayEquals(password, response.getPasswd());
        assertTrue(response.getReadOnly());
    }

    @Test
    void apacheReadsOurCreate2AndGetDataReplies() throws IOException {
        Stat stat = new Stat(10, 11, 12, 13, 1, 2, 3, 0x99, 4, 5, 14);
        BinaryInputArchive in = archive(out -> ZkCodec.encodeReply(21, 0x300, 0, new ZkResponse.Create2("/x0000000001", stat), out));
        ReplyHeader header = new ReplyHeader();
        header.deserialize(in, "header");
        assertEquals(21, header.getXid());
        assertEquals(0x300, header.getZxid());
        assertEquals(0, header.getErr());
        Create2Response create2 = new Create2Response();
        create2.deserialize(in, "response");
        assertEquals("/x0000000001", create2.getPath());
        assertEquals(stat, OfficialJute.stat(create2.getStat()));

        in = archive(out -> ZkCodec.encodeReply(22, 0x300, 0, new ZkResponse.GetData(null, stat), out));
        new ReplyHeader().deserialize(in, "header");
        GetDataResponse getData = new GetDataResponse();
        getData.deserialize(in, "response");
        assertNull(getData.getData(), "null data stays null");
        assertEquals(stat, OfficialJute.stat(getData.getStat()));
    }

    @Test
    void apacheReadsOurGetChildren2AndWhoAmIReplies() throws IOException {
        Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 2, 11);
        BinaryInputArchive in = archive(out -> ZkCodec.encodeReply(3, 9, 0,
                new ZkResponse.GetChildren2(List.of("a", "日本"), stat), out));
        new ReplyHeader().deserialize(in, "header");
        GetChildren2Response children = new GetChildren2Response();
        children.deserialize(in, "response");
        assertEquals(List.of("a", "日本"), children.getChildren());
        assertEquals(stat, OfficialJute.stat(children.getStat()));

        in = archive(out -> ZkCodec.encodeReply(4, 9, 0,
                new ZkResponse.WhoAmI(List.of(new Id("ip", "127.0.0.1"), new Id("digest", "bob"))), out));
        new ReplyHeader().deserialize(in, "header");
        WhoAmIResponse whoAmI = new WhoAmIResponse();
        whoAmI.deserialize(in, "response");
        assertEquals("ip", whoAmI.getClientInfo().get(0).getAuthScheme());
        assertEquals("bob", whoAmI.getClientInfo().get(1).getUser());
    }

    @Test
    void apacheReadsOurMultiReply() throws IOException {
        Stat stat = new Stat(1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1);
        ZkResponse.Multi multi = new ZkResponse.Multi(List.of(
                new ZkResponse.OpResult.Create("/a"),
                new ZkResponse.OpResult.Create2("/b", stat),
                new ZkResponse.OpResult.Delete(),
                new ZkResponse.OpResult.SetData(stat),
                new ZkResponse.OpResult.Check(),
                new ZkResponse.OpResult.GetData(new byte[] {1}, stat),
                new ZkResponse.OpResult.GetChildren(List.of("c")),
                new ZkResponse.OpResult.Error(ErrorCode.BAD_VERSION.code())));
        BinaryInputArchive in = archive(out -> ZkCodec.encodeReply(5, 7, 0, multi, out));
        new ReplyHeader().deserialize(in, "header");
        MultiResponse response = new MultiResponse();
        response.deserialize(in, "response");

        Iterator<OpResult> results = response.iterator();
        OpResult.CreateResult create = assertInstanceOf(OpResult.CreateResult.class, results.next());
        assertEquals(ZooDefs.OpCode.create, create.getType());
        assertEquals("/a", create.getPath());
        OpResult.CreateResult create2 = assertInstanceOf(OpResult.CreateResult.class, results.next());
        assertEquals(ZooDefs.OpCode.create2, create2.getType());
        assertEquals(stat, OfficialJute.stat(create2.getStat()));
        assertInstanceOf(OpResult.DeleteResult.class, results.next());
        assertEquals(stat, OfficialJute.stat(assertInstanceOf(OpResult.SetDataResult.class, results.next()).getStat()));
        assertInstanceOf(OpResult.CheckResult.class, results.next());
        assertArrayEquals(new byte[] {1}, assertInstanceOf(OpResult.GetDataResult.class, results.next()).getData());
        assertEquals(List.of("c"), assertInstanceOf(OpResult.GetChildrenResult.class, results.next()).getChildren());
        assertEquals(ErrorCode.BAD_VERSION.code(), assertInstanceOf(OpResult.ErrorResult.class, results.next()).getErr());
        assertFalse(results.hasNext());
    }

    @Test
    void apacheReadsOurNotification() throws IOException {
        BinaryInputArchive in = archive(out -> ZkCodec.encodeNotification(0x42,
                new zoolog.protocol.zk.WatcherEvent(Watches.EVENT_NODE_CHILDREN_CHANGED, Watches.STATE_SYNC_CONNECTED,
                        "/w"), out));
        ReplyHeader header = new ReplyHeader();
        header.deserialize(in, "header");
        assertEquals(-1, header.getXid());
        WatcherEvent event = new WatcherEvent();
        event.deserialize(in, "event");
        assertEquals(Watches.EVENT_NODE_CHILDREN_CHANGED, event.getType());
        assertEquals("/w", event.getPath());
    }

    @Test
    void apacheReadsOurMultiRequestAndTtlCreate() throws IOException {
        ZkRequest.Multi multi = new ZkRequest.Multi(OpCode.MULTI, List.of(
                new ZkRequest.Create(OpCode.CREATE_TTL, "/t", new byte[] {9}, Acl.OPEN_ACL_UNSAFE, 5, 60_000),
                new ZkRequest.Check("/k", 2)));
        BinaryInputArchive in = archive(out -> ZkCodec.encodeRequest(8, multi, out));
        RequestHeader header = new RequestHeader();
        header.deserialize(in, "header");
        assertEquals(ZooDefs.OpCode.multi, header.getType());
        MultiOperationRecord record = new MultiOperationRecord();
        record.deserialize(in, "request");
        Iterator<Op> ops = record.iterator();
        Op ttl = ops.next();
        assertEquals(ZooDefs.OpCode.createTTL, ttl.getType());
        CreateTTLRequest ttlRecord = assertInstanceOf(CreateTTLRequest.class, ttl.toRequestRecord());
        assertEquals(60_000, ttlRecord.getTtl());
        assertEquals(5, ttlRecord.getFlags());
        Op check = ops.next();
        assertEquals(ZooDefs.OpCode.check, check.getType());
        assertEquals("/k", check.getPath());
        assertFalse(ops.hasNext());
    }

    private static BinaryInputArchive archive(java.util.function.Consumer<ByteBuf> encoder) {
        ByteBuf frame = ZkCodecRoundTripTest.encodedFrame(encoder);
        return BinaryInputArchive.getArchive(new ByteArrayInputStream(ByteBufUtil.getBytes(frame)));
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
    Arbitrary<zoolog.protocol.zk.WatcherEvent> watcherEvents() {
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
