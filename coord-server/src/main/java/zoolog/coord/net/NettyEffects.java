package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkResponse;

/**
 * The core's effects on real sockets and the real store. Runs on the core thread: frames for a
 * connection are encoded into one pooled buffer per batch and handed to Netty on {@link #flush()},
 * one {@code writeAndFlush} (one event-loop task) per connection per batch, which keeps the
 * per-connection call order the core relies on. A close is queued behind that connection's
 * writes and happens once they are on the wire. Persistence is forwarded to the {@link StorePort}
 * in call order. Frames for a connection that has already gone are dropped: the core learns of
 * the loss through {@code CoreInput.Disconnected}.
 */
public final class NettyEffects implements FlushableEffects {

    /**
     * Bytes buffered for one connection within a batch before they are handed to Netty early,
     * so a batch of large replies to one client does not pile up on the core thread.
     */
    public static final int PENDING_BYTES_MAX = 256 * 1024;

    private static final int INITIAL_BUFFER_BYTES = 512;

    private final ConnectionRegistry registry;
    private final FrameCodec codec;
    private final StorePort store;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();

    public NettyEffects(ConnectionRegistry registry, FrameCodec codec, StorePort store) {
        this.registry = registry;
        this.codec = codec;
        this.store = store;
    }

    @Override
    public void sendConnectResponse(long connectionId, ConnectResponse response) {
        send(connectionId, out -> codec.encodeConnectResponse(response, out));
    }

    @Override
    public void sendReply(long connectionId, int xid, long zxid, int err, ZkResponse body) {
        send(connectionId, out -> codec.encodeReply(xid, zxid, err, body, out));
    }

    @Override
    public void sendNotification(long connectionId, long zxid, WatcherEvent event) {
        send(connectionId, out -> codec.encodeNotification(zxid, event, out));
    }

    @Override
    public void closeConnection(long connectionId) {
        Pending entry = pendingFor(connectionId);
        if (entry != null) {
            entry.closeAfterWrites = true;
        }
    }

    @Override
    public void persist(long token, DurableOp op) {
        store.write(token, op);
    }

    @Override
    public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
        store.materialize(zxid, nodes, sessions);
    }

    @Override
    public void flush() {
        for (Pending entry : pending.values()) {
            handOver(entry, entry.closeAfterWrites);
        }
        pending.clear();
    }

    private void send(long connectionId, Consumer<ByteBuf> encoder) {
        Pending entry = pendingFor(connectionId);
        if (entry == null || entry.closeAfterWrites) {
            return;
        }
        if (entry.buffer == null) {
            entry.buffer = entry.connection.channel().alloc().ioBuffer(INITIAL_BUFFER_BYTES);
        }
        ByteBuf out = entry.buffer;
        int frameStart = out.writerIndex();
        try {
            encoder.accept(out);
        } catch (RuntimeException e) {
            // Keep the frames already encoded for this connection whole; the loop treats this as fatal.
            out.writerIndex(frameStart);
            throw e;
        }
        registry.countSent(entry.connection);
        if (out.readableBytes() >= PENDING_BYTES_MAX) {
            handOver(entry, false);
        }
    }

    /** The batch entry for a connection, or null when the connection has closed. */
    private Pending pendingFor(long connectionId) {
        Pending entry = pending.get(connectionId);
        if (entry == null) {
            ClientConnection connection = registry.get(connectionId);
            if (connection == null) {
                return null;
            }
            entry = new Pending(connection);
            pending.put(connectionId, entry);
        }
        return entry;
    }

    private static void handOver(Pending entry, boolean close) {
        Channel channel = entry.connection.channel();
        ByteBuf buffer = entry.buffer;
        entry.buffer = null;
        ChannelFuture written = null;
        if (buffer != null && buffer.isReadable()) {
            written = channel.writeAndFlush(buffer);
        } else if (buffer != null) {
            buffer.release();
        }
        if (close) {
            // An empty write completes only after every earlier write to this channel has.
            (written != null ? written : channel.writeAndFlush(Unpooled.EMPTY_BUFFER))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** What one connection has accumulated during the current batch; core thread only. */
    private static final class Pending {
        final ClientConnection connection;
        ByteBuf buffer;
        boolean closeAfterWrites;

        Pending(ClientConnection connection) {
            this.connection = connection;
        }
    }
}
