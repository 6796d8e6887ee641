package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.admin.FourLetterWord;
import zoolog.coord.admin.FourLetterWordFormats;

/**
 * First handler of every client connection. It waits for the first four bytes: if they spell a
 * four-letter word ({@code echo ruok | nc host 2181}) it answers the command and closes, exactly
 * once per connection, like ZooKeeper; otherwise it removes itself and the bytes continue, in
 * order, to the frame decoder as the start of a length prefix. Every command code is larger than
 * any legal frame length, so the two can never be confused. Runs on the channel's event loop.
 */
public final class FourLetterWordSniffer extends ByteToMessageDecoder {

    /**
     * How long a command waits for the core before answering "not currently serving". A stuck
     * core is a bug that stops the node anyway; this keeps monitoring scripts from hanging.
     */
    static final long CORE_WAIT_MILLIS_MAX = 10_000;

    private static final int CODE_BYTES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(FourLetterWordSniffer.class);

    private final ClientConnection connection;
    private final ConnectionRegistry registry;
    private final FourLetterWordRunner runner;

    /** Set once a command is recognised; the connection then only waits for its answer. */
    private boolean answering;

    public FourLetterWordSniffer(ClientConnection connection, ConnectionRegistry registry, FourLetterWordRunner runner) {
        this.connection = connection;
        this.registry = registry;
        this.runner = runner;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < CODE_BYTES) {
            return;
        }
        int code = in.getInt(in.readerIndex());
        if (code == FourLetterWord.TELNET_CLOSE_CODE) {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        FourLetterWord word = FourLetterWord.byCode(code);
        if (word == null) {
            // Removing a ByteToMessageDecoder hands its buffered bytes to the next handler.
            ctx.pipeline().remove(this);
            return;
        }
        // The rest (netcat's newline, say) is not part of any frame; the connection ends here.
        in.skipBytes(in.readableBytes());
        answering = true;
        ctx.channel().config().setAutoRead(false);
        registry.countReceived(connection);
        LOG.debug("Processing {} command from {}", word.command(), connection.remoteAddress());
        CompletableFuture<String> answer = runner.run(word, ctx.executor());
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> answer.complete(FourLetterWordFormats.NOT_SERVING),
                CORE_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS);
        answer.whenCompleteAsync((text, failure) -> {
            timeout.cancel(false);
            reply(ctx, text != null ? text : FourLetterWordFormats.NOT_SERVING);
        }, ctx.executor());
    }

    /** While an answer is on its way, the client's end of input is expected: the reply closes the connection. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (answering && event instanceof ChannelInputShutdownEvent) {
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private static void reply(ChannelHandlerContext ctx, String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
    }
}
