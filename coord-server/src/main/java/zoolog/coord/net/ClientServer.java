package zoolog.coord.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client port: a Netty server socket whose connections speak the ZooKeeper client protocol
 * and the four-letter words. It owns no threads: the node creates the two NIO event loop groups
 * (one to accept, one for connection I/O) and shuts them down after {@link #close()}.
 * Connections are accepted on {@code clientPortAddress:clientPort}, admitted against
 * {@code maxClientCnxns} and piped as {@link ClientChannelInitializer} describes.
 */
public final class ClientServer implements AutoCloseable {

    /**
     * Outbound bytes queued for one connection above which it counts as unwritable and is no
     * longer read from. Twice the largest reply a client accepts (jute.maxbuffer), so one big
     * reply does not pause a client that reads promptly.
     */
    public static final int WRITE_BUFFER_HIGH_BYTES_MAX = 2 * 1024 * 1024;

    /** Queued outbound bytes below which a paused connection is read from again. */
    public static final int WRITE_BUFFER_LOW_BYTES = 512 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ClientServer.class);

    private final Settings settings;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ConnectionRegistry registry;
    private final ClientChannelInitializer initializer;
    private Channel serverChannel;

    /**
     * @param acceptGroup an NIO event loop group for the listening socket (one thread is plenty)
     * @param ioGroup     an NIO event loop group for client connections
     */
    public ClientServer(
            Settings settings, EventLoopGroup acceptGroup, EventLoopGroup ioGroup, ConnectionRegistry registry,
            CoreGateway core, FrameCodec codec, FourLetterWordRunner fourLetterWords) {
        this.settings = settings;
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.registry = registry;
        this.initializer = new ClientChannelInitializer(
                registry, core, codec, fourLetterWords, settings.maxClientCnxns(), settings.juteMaxBuffer());
    }

    /** Binds the client port and returns the bound address (useful when the port was 0). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // `echo stat | nc -N` closes its side right after the command; the answer must still go out.
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_BYTES, WRITE_BUFFER_HIGH_BYTES_MAX))
                .childHandler(initializer);
        if (settings.listenBacklog() > 0) {
            bootstrap.option(ChannelOption.SO_BACKLOG, settings.listenBacklog());
        }
        serverChannel = bootstrap.bind(settings.bindAddress()).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Client port listening on {}", bound);
        return bound;
    }

    /** Stops accepting and closes every client connection; the event loop groups stay up. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        registry.closeAll();
    }

    /**
     * The client port's configuration, from zoo.cfg.
     *
     * @param bindAddress    {@code clientPortAddress:clientPort}; port 0 picks a free port
     * @param maxClientCnxns simultaneous connections per client address, 0 for no limit
     * @param juteMaxBuffer  {@code jute.maxbuffer}, the largest znode payload a frame may carry
     * @param listenBacklog  {@code clientPortListenBacklog}, or -1 for the OS default
     */
    public record Settings(InetSocketAddress bindAddress, int maxClientCnxns, int juteMaxBuffer, int listenBacklog) {}
}
