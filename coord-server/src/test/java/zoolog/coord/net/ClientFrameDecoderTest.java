package zoolog.coord.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zoolog.coord.net.ClientFrameDecoder.FrameLengthException;

class ClientFrameDecoderTest {

    private static final int JUTE_MAX_BUFFER = 100;
    private static final int BODY_MAX = JUTE_MAX_BUFFER + ClientFrameDecoder.HEADER_ALLOWANCE_BYTES;

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private static ByteBuf frame(int bodyBytes) {
        ByteBuf frame = Unpooled.buffer(4 + bodyBytes).writeInt(bodyBytes);
        for (int i = 0; i < bodyBytes; i++) {
            frame.writeByte(i);
        }
        return frame;
    }

    @Test
    void aFrameAtTheLimitPassesWithoutItsLengthPrefix() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClientFrameDecoder(JUTE_MAX_BUFFER));
        channel.writeInbound(frame(BODY_MAX));
        ByteBuf body = channel.readInbound();
        assertEquals(BODY_MAX, body.readableBytes());
        assertEquals(0, body.getByte(0));
        body.release();
        assertFalse(channel.finish());
    }

    @Test
    void oneByteOverTheLimitIsALengthError() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClientFrameDecoder(JUTE_MAX_BUFFER));
        FrameLengthException error = assertThrows(FrameLengthException.class,
                () -> channel.writeInbound(Unpooled.buffer().writeInt(BODY_MAX + 1).writeByte(1)));
        assertEquals(BODY_MAX + 1, error.length());
        assertTrue(error.getMessage().startsWith("Len error " + (BODY_MAX + 1)));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void aNegativeLengthIsALengthError() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClientFrameDecoder(JUTE_MAX_BUFFER));
        FrameLengthException error =
                assertThrows(FrameLengthException.class, () -> channel.writeInbound(Unpooled.buffer().writeInt(-1)));
        assertEquals(-1, error.length());
        channel.finishAndReleaseAll();
    }

    @Test
    void framesAreReassembledAcrossReadsAndSplitWhenCoalesced() {
        EmbeddedChannel channel = new EmbeddedChannel(new ClientFrameDecoder(JUTE_MAX_BUFFER));
        ByteBuf stream = Unpooled.buffer().writeBytes(frame(3)).writeBytes(frame(0)).writeBytes(frame(5));
        channel.writeInbound(stream.readRetainedSlice(2));
        assertNull(channel.readInbound());
        channel.writeInbound(stream.readRetainedSlice(stream.readableBytes()));
        stream.release();
        int[] sizes = {3, 0, 5};
        for (int size : sizes) {
            ByteBuf body = channel.readInbound();
            assertEquals(size, body.readableBytes());
            body.release();
        }
        assertFalse(channel.finish());
    }

    @Test
    void theDefaultLimitIsJuteMaxBufferPlusTheAllowance() {
        assertEquals(0xfffff + ClientFrameDecoder.HEADER_ALLOWANCE_BYTES,
                ClientFrameDecoder.frameBodyBytesMax(ClientFrameDecoder.JUTE_MAX_BUFFER_DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> ClientFrameDecoder.frameBodyBytesMax(0));
    }

    @Test
    void inAPipelineALengthErrorClosesTheConnection() {
        PipelineFixture fixture = new PipelineFixture(java.nio.file.Path.of("."),
                zoolog.coord.admin.FourLetterWhitelist.DEFAULT, 0);
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(FakeFrameCodec.connectFrame(6000, 0));
        assertTrue(channel.isOpen());
        channel.writeInbound(Unpooled.buffer().writeInt(PipelineFixture.JUTE_MAX_BUFFER
                + ClientFrameDecoder.HEADER_ALLOWANCE_BYTES + 1).writeZero(16));
        assertFalse(channel.isOpen());
        assertEquals(2, fixture.gateway.inputs.size(), "Connect, then Disconnected");
    }
}
