package zoolog.broker.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.kafka.KafkaCodec;

/**
 * The broker's listener: a Netty server whose connections speak the Kafka protocol. Frames are
 * cut by their 4-byte size; one larger than {@code socket.request.max.bytes} closes its connection
 * before any of it is buffered. {@code num.network.threads} event loops do the I/O and run the
 * handlers, so a request is decoded, answered and encoded on one thread without hand-offs;
 * handlers that wait return futures instead of blocking.
 */
public final class KafkaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);

    /** Queued outbound bytes above which a connection is not read from until the client catches up. */
    static final int WRITE_BUFFER_HIGH_BYTES_MAX = 8 * 1024 * 1024;
    static final int WRITE_BUFFER_LOW_BYTES = 2 * 1024 * 1024;

    /**
     * @param host                 the address to bind; empty binds every interface
     * @param sendBufferBytes      SO_SNDBUF, or -1 for the OS default
     * @param receiveBufferBytes   SO_RCVBUF, or -1 for the OS default
     * @param requestBytesMax      {@code socket.request.max.bytes}
     */
    public record Settings(String host, int port, int networkThreads, int sendBufferBytes, int receiveBufferBytes,
                           int requestBytesMax) {}

    private final Settings settings;
    private final RequestHandler handler;
    private final EventLoopGroup acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("kafka-accept"));
    private final EventLoopGroup ioGroup;
    private Channel serverChannel;

    public KafkaServer(Settings settings, RequestHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.ioGroup = new NioEventLoopGroup(settings.networkThreads(), new DefaultThreadFactory("kafka-network"));
    }

    /** Binds the listener; returns the bound address (useful when the port was 0). */
    public InetSocketAddress start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_BYTES, WRITE_BUFFER_HIGH_BYTES_MAX))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("frames", new LengthFieldBasedFrameDecoder(settings.requestBytesMax(), 0,
                                        KafkaCodec.SIZE_PREFIX_BYTES, 0, KafkaCodec.SIZE_PREFIX_BYTES, true))
                                .addLast("requests", new KafkaConnection(handler, settings.requestBytesMax()));
                    }
                });
        if (settings.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
        }
        if (settings.receiveBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        }
        InetSocketAddress bindAddress = settings.host().isEmpty()
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(settings.host(), settings.port());
        serverChannel = bootstrap.bind(bindAddress).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Kafka listener on {}", bound);
        return bound;
    }

    /** Stops accepting, closes every connection and stops the event loops. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        acceptGroup.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
