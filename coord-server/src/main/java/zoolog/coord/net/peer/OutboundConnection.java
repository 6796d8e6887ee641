package zoolog.coord.net.peer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.Hello;
import zoolog.protocol.peer.PeerMessage;

/**
 * One attempt at an outgoing connection to one port of one member, from connect to close; it is
 * never reused, so whatever was queued for a broken connection dies with it instead of leaking
 * into the next one out of order. Senders on any thread {@link #offer} messages into a lock-free
 * queue; the channel's event loop drains it after the {@code Hello}, writing while the channel is
 * writable and flushing once per drain, so a burst of sends costs one system call.
 *
 * <pre>
 *   offer ─▶ queue (≤ PEER_QUEUE_MAX) ─▶ drain on the event loop ─▶ PeerFrameEncoder ─▶ socket
 * </pre>
 */
final class OutboundConnection {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundConnection.class);

    /** Told once when the connection fails to open, breaks or overflows; not told after {@link #close()}. */
    interface DownListener {
        void down(OutboundConnection connection, String reason);
    }

    private final int sid;
    private final PeerPort port;
    private final InetSocketAddress address;
    private final DownListener listener;
    private final Queue<PeerMessage> queue = new ConcurrentLinkedQueue<>();
    /** Messages offered and not yet handed to the channel: the queue's size, which ConcurrentLinkedQueue does not count cheaply. */
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Channel channel;
    /** True once the Hello is written; only then may messages follow it. */
    private volatile boolean ready;

    OutboundConnection(int sid, PeerPort port, InetSocketAddress address, DownListener listener) {
        this.sid = sid;
        this.port = port;
        this.address = address;
        this.listener = listener;
    }

    int sid() {
        return sid;
    }

    PeerPort port() {
        return port;
    }

    InetSocketAddress address() {
        return address;
    }

    /** Starts connecting; the Hello and everything offered so far go out once connected. */
    void connect(Bootstrap bootstrap, Hello hello) {
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("frames", PeerFrameEncoder.INSTANCE);
                ch.pipeline().addLast("link", new LinkHandler());
            }
        }).connect(address);
        channel = connecting.channel();
        if (closed.get()) {
            channel.close();
            return;
        }
        connecting.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                onConnected(hello);
            } else {
                fail("cannot connect: " + describe(done.cause()));
            }
        });
    }

    /**
     * Queues a message for this connection; false if the connection is already down, so the caller
     * should open a new one. Overflowing {@link PeerNetwork#PEER_QUEUE_MAX} takes the connection down.
     */
    boolean offer(PeerMessage message) {
        if (closed.get()) {
            return false;
        }
        if (queued.incrementAndGet() > PeerNetwork.PEER_QUEUE_MAX) {
            fail("more than PEER_QUEUE_MAX (" + PeerNetwork.PEER_QUEUE_MAX + ") messages are waiting");
            return true;
        }
        queue.add(message);
        if (ready) {
            scheduleDrain();
        }
        return true;
    }

    /** Closes without telling the listener (the network is shutting down); null if no channel exists yet. */
    ChannelFuture close() {
        if (!closed.compareAndSet(false, true)) {
            return null;
        }
        queue.clear();
        Channel current = channel;
        return current == null ? null : current.close();
    }

    private void onConnected(Hello hello) {
        if (closed.get()) {
            return;
        }
        Channel current = channel;
        current.writeAndFlush(hello, current.voidPromise());
        ready = true;
        drain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drain);
            } catch (RejectedExecutionException e) {
                fail("the I/O event loop has shut down");
            }
        }
    }

    /**
     * Runs on the event loop. Clearing the flag before polling means a message offered after the
     * last poll always schedules another drain. Stopping at the write-buffer high-water mark bounds
     * Netty's own buffer; {@link LinkHandler#channelWritabilityChanged} resumes.
     */
    private void drain() {
        drainScheduled.set(false);
        Channel current = channel;
        boolean wrote = false;
        while (!closed.get() && current.isWritable()) {
            PeerMessage message = queue.poll();
            if (message == null) {
                break;
            }
            queued.decrementAndGet();
            current.write(message, current.voidPromise());
            wrote = true;
        }
        if (wrote) {
            current.flush();
        }
    }

    private void fail(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        Channel current = channel;
        if (current != null) {
            current.close();
        }
        listener.down(this, reason);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The connection's only inbound handler: the receiver never writes on it, so it just watches the channel. */
    private final class LinkHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object unexpected) {
            ReferenceCountUtil.release(unexpected);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ready && ctx.channel().isWritable()) {
                drain();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail("connection closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof IOException)) {
                // An oversized message (EncoderException) or a bug, not a network failure.
                LOG.warn("Closing the {} port connection to sid {} at {}", port, sid, address, cause);
            }
            fail(describe(cause));
        }
    }
}
