package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.admin.ServerInfo;
import zoolog.coord.testing.MutableClock;

/** One client pipeline on an EmbeddedChannel, wired to a recording gateway and the fake codec. */
final class PipelineFixture {

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    static final int JUTE_MAX_BUFFER = 1024;

    final RecordingGateway gateway = new RecordingGateway();
    final ConnectionRegistry registry = new ConnectionRegistry();
    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final ServerInfo server;
    final FourLetterWhitelist whitelist;
    final int maxClientCnxns;

    PipelineFixture(Path dataDir, FourLetterWhitelist whitelist, int maxClientCnxns) {
        this.server = new ServerInfo(ServerInfo.fullVersion("test", "today"), ServerInfo.STANDALONE, 0,
                clock.millis(), 2181, -1, dataDir, dataDir, 2000, maxClientCnxns, 4000, 40000, -1);
        this.whitelist = whitelist;
        this.maxClientCnxns = maxClientCnxns;
    }

    EmbeddedChannel open() {
        FourLetterWordRunner runner = new FourLetterWordRunner(gateway, registry, server, whitelist, clock);
        return new EmbeddedChannel(new ClientChannelInitializer(
                registry, gateway, new FakeFrameCodec(), runner, maxClientCnxns, JUTE_MAX_BUFFER));
    }

    static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    /** Everything the channel wrote, as text; releases the buffers. */
    static String outboundText(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
            text.append(buffer.toString(StandardCharsets.UTF_8));
            buffer.release();
        }
        return text.toString();
    }
}
