package zoolog.coord.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.coord.net.PipelineFixture.ascii;
import static zoolog.coord.net.PipelineFixture.outboundText;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.admin.FourLetterWord;
import zoolog.coord.admin.FourLetterWordFormats;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;

class FourLetterWordSnifferTest {

    @TempDir
    Path dataDir;

    private PipelineFixture fixture(String whitelist) {
        return new PipelineFixture(dataDir, FourLetterWhitelist.parse(whitelist), 0);
    }

    private static String ask(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(ascii(bytes));
        channel.runPendingTasks();
        String text = outboundText(channel);
        assertFalse(channel.isOpen(), "a four-letter word closes the connection");
        return text;
    }

    @ParameterizedTest
    @EnumSource(FourLetterWord.class)
    void everyCommandAnswersAndCloses(FourLetterWord word) {
        PipelineFixture fixture = fixture("*");
        fixture.gateway.view.nodeCount = 4;
        EmbeddedChannel channel = fixture.open();
        String text = ask(channel, word.command() + "\n");
        String expectedStart = switch (word) {
            case RUOK -> "imok";
            case ISRO -> "rw";
            case SRVR, STAT -> "Zookeeper version: 3.9.3-zoolog-test, built on today\n";
            case CONS -> " embedded[0](queued=0,recved=1,sent=0)\n\n";
            case CRST -> "Connection stats reset.\n";
            case SRST -> "Server stats reset.\n";
            case CONF -> "clientPort=2181\nsecureClientPort=-1\ndataDir=" + dataDir.toAbsolutePath() + "\n";
            case DIRS -> "datadir_size: 0\nlogdir_size: 0\n";
            case ENVI -> "Environment:\nzookeeper.version=3.9.3-zoolog-test, built on today\n";
            case DUMP -> "SessionTracker dump:\nSession Sets (0)/(0):\n";
            case MNTR -> "zk_version\t3.9.3-zoolog-test, built on today\nzk_server_state\tstandalone\n";
            case WCHS -> "0 connections watching 0 paths\nTotal watches:0\n";
            case WCHC, WCHP -> "\n";
        };
        assertTrue(text.startsWith(expectedStart), word + " answered:\n" + text);
        assertTrue(fixture.gateway.inputs.isEmpty(), "a four-letter word is never a core input");
    }

    @Test
    void statCountsTheAskingConnectionAndReadsTheCore() {
        PipelineFixture fixture = fixture("stat");
        fixture.gateway.view.nodeCount = 4;
        fixture.gateway.view.lastProcessedZxid = 0x1f;
        String text = ask(fixture.open(), "stat");
        assertTrue(text.contains("Clients:\n embedded[0](queued=0,recved=1,sent=0)\n\n"), text);
        assertTrue(text.contains("Received: 1\nSent: 0\nConnections: 1\n"), text);
        assertTrue(text.endsWith("Zxid: 0x1f\nMode: standalone\nNode count: 4\n"), text);
    }

    @Test
    void resetsReachTheCoreAndTheCounters() {
        PipelineFixture fixture = fixture("*");
        ask(fixture.open(), "srst");
        assertEquals(1, fixture.gateway.view.latencyResets);
        assertTrue(ask(fixture.open(), "srvr").contains("Received: 1\n"), "srst zeroed the packet counters");
        ask(fixture.open(), "crst");
        assertEquals(1, fixture.gateway.view.connectionStatResets);
    }

    @Test
    void watchDumpsUseTheCoresMaps() {
        PipelineFixture fixture = fixture("*");
        fixture.gateway.view.watchesBySession = Map.of(0xaL, Set.of("/a"));
        fixture.gateway.view.watchesByPath = Map.of("/a", Set.of(0xaL));
        fixture.gateway.view.watchedPathCount = 1;
        fixture.gateway.view.watchCount = 1;
        assertEquals("0xa\n\t/a\n\n", ask(fixture.open(), "wchc"));
        assertEquals("/a\n\t0xa\n\n", ask(fixture.open(), "wchp"));
        assertEquals("1 connections watching 1 paths\nTotal watches:1\n", ask(fixture.open(), "wchs"));
    }

    @Test
    void commandsOutsideTheWhitelistAreRefused() {
        PipelineFixture fixture = fixture(null);
        assertEquals("stat is not executed because it is not in the whitelist.\n", ask(fixture.open(), "stat"));
        assertEquals("ruok is not executed because it is not in the whitelist.\n", ask(fixture.open(), "ruok"));
        assertTrue(ask(fixture.open(), "srvr").startsWith("Zookeeper version: "), "srvr is always allowed");
    }

    @Test
    void aStoppedCoreIsNotServing() {
        PipelineFixture fixture = fixture("*");
        fixture.gateway.running = false;
        assertEquals(FourLetterWordFormats.NOT_SERVING, ask(fixture.open(), "mntr"));
        assertEquals("null", ask(fixture.open(), "isro"));
        assertEquals("imok", ask(fixture.open(), "ruok"));
    }

    @Test
    void aCoreThatDoesNotAnswerTimesOut() {
        PipelineFixture fixture = fixture("*");
        RecordingGateway silent = new RecordingGateway() {
            @Override
            public <T> CompletableFuture<T> query(Function<CoreView, T> question) {
                return new CompletableFuture<>();
            }
        };
        FourLetterWordRunner runner =
                new FourLetterWordRunner(silent, fixture.registry, fixture.server, fixture.whitelist, fixture.clock);
        EmbeddedChannel channel = new EmbeddedChannel(new ClientChannelInitializer(
                fixture.registry, silent, new FakeFrameCodec(), runner, 0, PipelineFixture.JUTE_MAX_BUFFER));
        channel.freezeTime();
        channel.writeInbound(ascii("srvr"));
        channel.runPendingTasks();
        assertTrue(channel.isOpen(), "still waiting for the core");
        channel.advanceTimeBy(FourLetterWordSniffer.CORE_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
        channel.runPendingTasks(); // the timeout fires and queues the reply
        channel.runPendingTasks(); // the reply is written
        assertEquals(FourLetterWordFormats.NOT_SERVING, outboundText(channel));
        assertFalse(channel.isOpen());
    }

    @Test
    void otherFirstBytesFallThroughToTheFramePathEvenWhenSplit() {
        PipelineFixture fixture = fixture("*");
        EmbeddedChannel channel = fixture.open();
        var frame = FakeFrameCodec.connectFrame(30000, 0);
        channel.writeInbound(frame.readRetainedSlice(2));
        assertTrue(fixture.gateway.inputs.isEmpty());
        channel.writeInbound(frame.readRetainedSlice(frame.readableBytes()));
        frame.release();
        assertEquals(1, fixture.gateway.inputs.size());
        CoreInput.Connect connect = assertInstanceOf(CoreInput.Connect.class, fixture.gateway.inputs.get(0));
        assertEquals(30000, connect.request().timeoutMillis());
        assertTrue(channel.isOpen());
        assertEquals(null, channel.pipeline().get(FourLetterWordSniffer.class), "the sniffer is gone after its look");
        // Later frames that happen to spell a command are frames, not commands.
        channel.writeInbound(Unpooled.buffer().writeInt(8).writeBytes(ascii("ruok")).writeInt(4));
        assertEquals(2, fixture.gateway.inputs.size());
        assertEquals("", outboundText(channel));
        channel.finishAndReleaseAll();
    }

    @Test
    void garbageIsALengthErrorAndCloses() {
        PipelineFixture fixture = fixture("*");
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(ascii("GET / HTTP/1.1\r\n"));
        assertFalse(channel.isOpen());
        assertTrue(fixture.gateway.inputs.isEmpty());
        assertEquals("", outboundText(channel));
    }

    @Test
    void telnetInterruptJustCloses() {
        PipelineFixture fixture = fixture("*");
        EmbeddedChannel channel = fixture.open();
        channel.writeInbound(Unpooled.buffer().writeInt(FourLetterWord.TELNET_CLOSE_CODE));
        assertFalse(channel.isOpen());
        assertEquals("", outboundText(channel));
    }
}
