package zoolog.coord.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.core.CoreInput;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkRequest;

class ClientConnectionHandlerTest {

    @TempDir
    Path dataDir;

    private PipelineFixture fixture(int maxClientCnxns) {
        return new PipelineFixture(dataDir, FourLetterWhitelist.DEFAULT, maxClientCnxns);
    }

    @Test
    void connectThenPipelinedRequestsReachTheCoreInOrder() {
        PipelineFixture fixture = fixture(0);
        EmbeddedChannel channel = fixture.open();
        long id = fixture.registry.snapshot().connections().get(0).connectionId();
        channel.writeInbound(FakeFrameCodec.connectFrame(30000, 0x55));
        channel.writeInbound(FakeFrameCodec.requestFrame(1, OpCode.GET_DATA));
        channel.writeInbound(FakeFrameCodec.requestFrame(-2, OpCode.PING));
        channel.writeInbound(FakeFrameCodec.requestFrame(2, 999));
        List<CoreInput> inputs = fixture.gateway.inputs;
        assertEquals(4, inputs.size());
        CoreInput.Connect connect = assertInstanceOf(CoreInput.Connect.class, inputs.get(0));
        assertEquals(id, connect.connectionId());
        assertEquals("embedded", connect.remoteHost());
        assertEquals(0x55, connect.request().sessionId());
        assertEquals(new CoreInput.Request(id, 1, new ZkRequest.GetData("/x", false)), inputs.get(1));
        assertEquals(-2, assertInstanceOf(CoreInput.Request.class, inputs.get(2)).xid());
        assertEquals(new CoreInput.UnknownRequest(id, 2, 999), inputs.get(3));
        assertEquals(4, fixture.registry.snapshot().packetsReceived());

        channel.close();
        assertEquals(new CoreInput.Disconnected(id), inputs.get(4));
    }

    @Test
    void aFrameThatDoesNotDecodeClosesAndStopsForwarding() {
        PipelineFixture fixture = fixture(0);
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(FakeFrameCodec.connectFrame(30000, 0));
        channel.writeInbound(io.netty.buffer.Unpooled.buffer()
                .writeBytes(FakeFrameCodec.badFrame())
                .writeBytes(FakeFrameCodec.requestFrame(1, OpCode.GET_DATA)));
        assertFalse(channel.isOpen());
        List<CoreInput> inputs = fixture.gateway.inputs;
        assertEquals(2, inputs.size(), "Connect and Disconnected only: " + inputs);
        assertInstanceOf(CoreInput.Disconnected.class, inputs.get(1));
    }

    @Test
    void aBadConnectRequestClosesWithoutTellingTheCore() {
        PipelineFixture fixture = fixture(0);
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(FakeFrameCodec.badFrame());
        assertFalse(channel.isOpen());
        assertTrue(fixture.gateway.inputs.isEmpty(), "the core never saw this connection");
    }

    @Test
    void aStoppedCoreClosesTheConnection() {
        PipelineFixture fixture = fixture(0);
        fixture.gateway.running = false;
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(FakeFrameCodec.connectFrame(30000, 0));
        assertFalse(channel.isOpen());
    }

    @Test
    void readingPausesWhileTheClientDoesNotReadItsReplies() {
        PipelineFixture fixture = fixture(0);
        EmbeddedChannel channel = fixture.open();
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(8, 16));
        channel.writeInbound(FakeFrameCodec.connectFrame(30000, 0));
        assertTrue(channel.config().isAutoRead());
        // Queued but not flushed: counts against the high-water mark.
        channel.write(io.netty.buffer.Unpooled.buffer().writeZero(32));
        assertFalse(channel.isWritable());
        assertFalse(channel.config().isAutoRead());
        channel.flush();
        assertTrue(channel.isWritable());
        assertTrue(channel.config().isAutoRead());
        channel.finishAndReleaseAll();
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreClosedAtOnce() {
        PipelineFixture fixture = fixture(2);
        EmbeddedChannel first = fixture.open();
        EmbeddedChannel second = fixture.open();
        EmbeddedChannel third = fixture.open();
        assertTrue(first.isOpen());
        assertTrue(second.isOpen());
        assertFalse(third.isOpen());
        assertEquals(2, fixture.registry.size());
        first.close();
        assertTrue(fixture.open().isOpen(), "a closed connection frees its slot");
    }
}
