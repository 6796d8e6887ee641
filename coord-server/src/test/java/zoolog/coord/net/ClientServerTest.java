package zoolog.coord.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.core.CoreInput;
import zoolog.coord.testing.Await;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.zk.ConnectResponse;

/** The client port over real loopback sockets, with the fake codec and a recording core. */
class ClientServerTest {

    @TempDir
    Path dataDir;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ClientServer server;
    private PipelineFixture fixture;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws InterruptedException {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("test-accept"));
        ioGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("test-io"));
        fixture = new PipelineFixture(dataDir, FourLetterWhitelist.parse("ruok"), 2);
        FourLetterWordRunner runner = new FourLetterWordRunner(
                fixture.gateway, fixture.registry, fixture.server, fixture.whitelist, fixture.clock);
        ClientServer.Settings settings = new ClientServer.Settings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2, PipelineFixture.JUTE_MAX_BUFFER, -1);
        server = new ClientServer(settings, acceptGroup, ioGroup, fixture.registry, fixture.gateway,
                new FakeFrameCodec(), runner);
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        acceptGroup.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    private static String readAll(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void ruokLikeNetcat() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write("ruok\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("imok", readAll(socket));
        }
    }

    @Test
    void aSessionFrameGoesInAndAReplyComesOutThroughTheEffects() throws IOException {
        NettyEffects effects = new NettyEffects(fixture.registry, new FakeFrameCodec(), new StorePort() {
            @Override
            public void write(long token, DurableOp op) {
                throw new AssertionError("not used");
            }

            @Override
            public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
                throw new AssertionError("not used");
            }
        });
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            byte[] frame = new byte[16];
            FakeFrameCodec.connectFrame(30000, 0x42).readBytes(frame);
            socket.getOutputStream().write(frame);
            Await.until("the core saw the connect", () -> !fixture.gateway.inputs.isEmpty());
            CoreInput.Connect connect = assertInstanceOf(CoreInput.Connect.class, fixture.gateway.inputs.get(0));
            assertEquals("127.0.0.1", connect.remoteHost());
            assertEquals(socket.getLocalPort(), connect.remotePort());

            effects.sendConnectResponse(connect.connectionId(), new ConnectResponse(0, 30000, 0x42, new byte[16], false, true));
            effects.closeConnection(connect.connectionId());
            effects.flush();
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertEquals(5, in.readInt());
            assertEquals('C', in.readByte());
            assertEquals(0x42, in.readInt());
            assertEquals(-1, in.read(), "closed after the reply");
        }
        Await.until("the core saw the disconnect", () -> fixture.gateway.inputs.size() == 2);
        assertInstanceOf(CoreInput.Disconnected.class, fixture.gateway.inputs.get(1));
    }

    @Test
    void theThirdConnectionFromOneAddressIsRefused() throws IOException {
        try (Socket first = new Socket(address.getAddress(), address.getPort());
                Socket second = new Socket(address.getAddress(), address.getPort())) {
            Await.until("both are registered", () -> fixture.registry.size() == 2);
            try (Socket third = new Socket(address.getAddress(), address.getPort())) {
                third.setSoTimeout(10_000);
                InputStream in = third.getInputStream();
                assertEquals(-1, in.read(), "closed by the server");
            }
            assertEquals(2, fixture.registry.size());
        }
    }

    @Test
    void aCommandOutsideTheWhitelistIsRefusedOverTheWire() throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.getOutputStream().write("mntr".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("mntr is not executed because it is not in the whitelist.\n".getBytes(StandardCharsets.UTF_8),
                    readAll(socket).getBytes(StandardCharsets.UTF_8));
        }
    }
}
