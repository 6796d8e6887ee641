package zoolog.coord.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.admin.ServerInfo;
import zoolog.coord.core.Core;
import zoolog.coord.core.CoreEffects;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;
import zoolog.coord.net.ClientFrameDecoder;
import zoolog.coord.net.ClientServer;
import zoolog.coord.net.ConnectionRegistry;
import zoolog.coord.net.FourLetterWordRunner;
import zoolog.coord.net.NettyEffects;
import zoolog.coord.net.StorePort;
import zoolog.coord.net.ZkFrameCodec;
import zoolog.coord.testing.FakeCoreView;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The whole adapter stack (client port, jute codec, core loop, effects, four-letter words) wired
 * the way the node wires it, driven by the official ZooKeeper Java client. The core is a script
 * that knows sessions and nothing else: every znode is missing.
 */
class ClientStackTest {

    private static final long SESSION_ID = 0x1234_0000_0001L;

    @TempDir
    Path dataDir;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private CoreLoop loop;
    private ClientServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws InterruptedException {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("test-accept"));
        ioGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("test-io"));
        ConnectionRegistry registry = new ConnectionRegistry();
        ZkFrameCodec codec = new ZkFrameCodec();
        NettyEffects effects = new NettyEffects(registry, codec, new NoStore());
        loop = new CoreLoop(new ScriptedCore(effects), effects, Clock.systemUTC(), 1000, () -> { });
        ServerInfo info = new ServerInfo(ServerInfo.fullVersion("test", "today"), ServerInfo.STANDALONE, 0,
                0, 2181, -1, dataDir, dataDir, 2000, 60, 4000, 40000, -1);
        FourLetterWordRunner runner =
                new FourLetterWordRunner(loop, registry, info, FourLetterWhitelist.parse("*"), Clock.systemUTC());
        server = new ClientServer(new ClientServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                60, ClientFrameDecoder.JUTE_MAX_BUFFER_DEFAULT, -1), acceptGroup, ioGroup, registry, loop, codec, runner);
        loop.start();
        address = server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        loop.close();
        acceptGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Test
    void theOfficialClientConnectsAsksAndCloses() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper("127.0.0.1:" + address.getPort(), 30000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertTrue(connected.await(10, TimeUnit.SECONDS), "connected");
            assertEquals(SESSION_ID, client.getSessionId());
            assertNull(client.exists("/missing", false));
            String cons = fourLetterWord("cons");
            assertTrue(cons.contains("recved=") && cons.lines().count() >= 2, cons);
        } finally {
            client.close();
        }
    }

    private String fourLetterWord(String command) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Grants every session the same id, answers pings and closes, and finds no znode. */
    private static final class ScriptedCore implements Core {
        private final CoreEffects effects;
        private final FakeCoreView view = new FakeCoreView();

        ScriptedCore(CoreEffects effects) {
            this.effects = effects;
        }

        @Override
        public void step(long nowMillis, CoreInput input) {
            if (input instanceof CoreInput.Connect connect) {
                effects.sendConnectResponse(connect.connectionId(), new ConnectResponse(0,
                        connect.request().timeoutMillis(), SESSION_ID, new byte[16], false,
                        connect.request().readOnlyPresent()));
            } else if (input instanceof CoreInput.Request request) {
                ZkRequest body = request.request();
                if (body instanceof ZkRequest.Ping || body instanceof ZkRequest.CloseSession) {
                    effects.sendReply(request.connectionId(), request.xid(), 0, 0, ZkResponse.Empty.INSTANCE);
                    if (body instanceof ZkRequest.CloseSession) {
                        effects.closeConnection(request.connectionId());
                    }
                } else {
                    effects.sendReply(request.connectionId(), request.xid(), 0, ErrorCode.NO_NODE.code(), null);
                }
            } else if (input instanceof CoreInput.UnknownRequest unknown) {
                effects.sendReply(unknown.connectionId(), unknown.xid(), 0, ErrorCode.UNIMPLEMENTED.code(), null);
                effects.closeConnection(unknown.connectionId());
            }
        }

        @Override
        public CoreView view() {
            return view;
        }
    }

    private static final class NoStore implements StorePort {
        @Override
        public void write(long token, DurableOp op) {
            throw new AssertionError("the scripted core writes nothing");
        }

        @Override
        public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
            throw new AssertionError("the scripted core writes nothing");
        }
    }
}
