package zoolog.broker.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.log.LogReadResult;
import zoolog.protocol.kafka.KafkaCodec;
import zoolog.protocol.kafka.KafkaCodecException;
import zoolog.protocol.kafka.KafkaRequestFrame;
import zoolog.protocol.kafka.RecordsSplicer;
import zoolog.protocol.kafka.RequestHeader;

/**
 * One client connection: decodes each size-stripped frame, hands the request to the
 * {@link RequestHandler}, and writes the responses strictly in request order, as Kafka clients
 * require (they match responses to requests by position as well as correlation id). A request
 * that cannot be decoded — unknown API key, unsupported version, malformed body — closes this
 * connection with one log line, as Kafka's broker does; other connections are untouched.
 * Fetch responses are written as header bytes interleaved with {@link SegmentRegion}s, so record
 * bytes are never copied. Confined to the channel's event loop.
 */
final class KafkaConnection extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);

    /** Requests read but not yet answered, above which the connection stops reading. */
    static final int IN_FLIGHT_REQUESTS_MAX = 64;

    private final RequestHandler handler;
    private final int lengthMax;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private RequestContext context;

    KafkaConnection(RequestHandler handler, int lengthMax) {
        this.handler = handler;
        this.lengthMax = lengthMax;
    }

    private static final class Pending {
        final RequestHeader header;
        Reply reply;
        Throwable failure;
        boolean done;

        Pending(RequestHeader header) {
            this.header = header;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        KafkaRequestFrame request;
        try {
            request = KafkaCodec.decodeRequest(frame, lengthMax);
        } catch (KafkaCodecException e) {
            frame.release();
            LOG.warn("closing the connection from {}: {}", remote(ctx), e.getMessage());
            ctx.close();
            return;
        }
        if (context == null) {
            context = new RequestContext(request.header().clientId(), clientHost(ctx), ctx.channel().eventLoop());
        } else if (!Objects.equals(context.clientId(), request.header().clientId())) {
            context = new RequestContext(request.header().clientId(), context.clientHost(), context.eventLoop());
        }
        Pending slot = new Pending(request.header());
        pending.add(slot);
        CompletableFuture<Reply> answer;
        try {
            answer = handler.handle(context, request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((reply, failure) -> {
            frame.release();
            if (ctx.executor().inEventLoop()) {
                complete(ctx, slot, reply, failure);
            } else {
                ctx.executor().execute(() -> complete(ctx, slot, reply, failure));
            }
        });
        if (pending.size() >= IN_FLIGHT_REQUESTS_MAX) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.warn("closing the connection from {}: {}", remote(ctx), cause.getMessage());
        } else {
            LOG.debug("connection from {} failed: {}", remote(ctx), cause.toString());
        }
        ctx.close();
    }

    private void complete(ChannelHandlerContext ctx, Pending slot, Reply reply, Throwable failure) {
        slot.reply = reply;
        slot.failure = failure;
        slot.done = true;
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().done) {
            Pending head = pending.poll();
            if (head.failure != null) {
                LOG.error("closing the connection from {}: {} request failed: {}", remote(ctx),
                        head.header.apiKey().apiName(), head.failure.toString(), head.failure);
                ctx.close();
                return;
            }
            if (!head.reply.isNone() && ctx.channel().isActive()) {
                try {
                    write(ctx, head.header, head.reply);
                } catch (RuntimeException e) {
                    LOG.error("closing the connection from {}: cannot encode the {} response: {}", remote(ctx),
                            head.header.apiKey().apiName(), e.toString(), e);
                    ctx.close();
                    return;
                }
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (pending.size() < IN_FLIGHT_REQUESTS_MAX / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static void write(ChannelHandlerContext ctx, RequestHeader header, Reply reply) {
        ByteBuf out = ctx.alloc().ioBuffer();
        if (reply.regions().isEmpty()) {
            KafkaCodec.encodeResponse(header, reply.response(), out);
            ctx.write(out, ctx.voidPromise());
            return;
        }
        Splicer splicer = new Splicer(reply.regions());
        KafkaCodec.encodeResponse(header, reply.response(), out, splicer);
        int from = 0;
        for (int i = 0; i < splicer.cuts.size(); i++) {
            int cut = splicer.cuts.get(i);
            ctx.write(out.retainedSlice(from, cut - from), ctx.voidPromise());
            LogReadResult region = splicer.spliced.get(i);
            ctx.write(new SegmentRegion(region.channel(), region.positionBytes(), region.sizeInBytes()),
                    ctx.voidPromise());
            from = cut;
        }
        ctx.write(out.retainedSlice(from, out.writerIndex() - from), ctx.voidPromise());
        out.release();
    }

    /** Notes where each region goes while the response is encoded. */
    private static final class Splicer implements RecordsSplicer {
        final Map<ByteBuf, LogReadResult> regions;
        final List<Integer> cuts = new ArrayList<>();
        final List<LogReadResult> spliced = new ArrayList<>();

        Splicer(Map<ByteBuf, LogReadResult> regions) {
            this.regions = regions;
        }

        @Override
        public int splicedSize(ByteBuf records) {
            LogReadResult region = regions.get(records);
            return region == null ? -1 : region.sizeInBytes();
        }

        @Override
        public void splice(ByteBuf out, ByteBuf token) {
            cuts.add(out.writerIndex());
            spliced.add(regions.get(token));
        }
    }

    /** The host as Kafka's group tools show it: {@code /127.0.0.1}. */
    private static String clientHost(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? "/" + address.getAddress().getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress());
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() + ":" + address.getPort()
                : String.valueOf(ctx.channel().remoteAddress());
    }
}
