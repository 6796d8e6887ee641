package zoolog.coord.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of each accepted client connection, after admitting it against the
 * per-address limit:
 *
 * <pre>
 *   bytes ─▶ FourLetterWordSniffer ─▶ ClientFrameDecoder ─▶ ClientConnectionHandler ─▶ core inbox
 *            (first 4 bytes only)     (length prefix, max)   (jute decode → CoreInput)
 * </pre>
 *
 * Replies do not pass through an encoder: the core thread writes ready frames (see
 * {@link NettyEffects}). Shared by all connections; runs on each new channel's event loop.
 */
public final class ClientChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelInitializer.class);

    private final ConnectionRegistry registry;
    private final CoreGateway core;
    private final FrameCodec codec;
    private final FourLetterWordRunner fourLetterWords;
    private final int maxClientCnxns;
    private final int juteMaxBuffer;

    /**
     * @param maxClientCnxns simultaneous connections allowed per client address, 0 for no limit
     * @param juteMaxBuffer  the configured {@code jute.maxbuffer}
     */
    public ClientChannelInitializer(
            ConnectionRegistry registry, CoreGateway core, FrameCodec codec, FourLetterWordRunner fourLetterWords,
            int maxClientCnxns, int juteMaxBuffer) {
        this.registry = registry;
        this.core = core;
        this.codec = codec;
        this.fourLetterWords = fourLetterWords;
        this.maxClientCnxns = maxClientCnxns;
        this.juteMaxBuffer = juteMaxBuffer;
    }

    @Override
    protected void initChannel(Channel channel) {
        ClientConnection connection = registry.register(channel, maxClientCnxns);
        if (connection == null) {
            LOG.warn("Too many connections from /{} - max is {}", ClientConnection.hostOf(channel.remoteAddress()),
                    maxClientCnxns);
            channel.close();
            return;
        }
        channel.pipeline().addLast("four-letter-words", new FourLetterWordSniffer(connection, registry, fourLetterWords));
        channel.pipeline().addLast("frames", new ClientFrameDecoder(juteMaxBuffer));
        channel.pipeline().addLast("client", new ClientConnectionHandler(connection, registry, core, codec, juteMaxBuffer));
    }
}
