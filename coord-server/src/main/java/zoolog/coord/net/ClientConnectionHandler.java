package zoolog.coord.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.core.CoreInput;
import zoolog.coord.net.ClientFrameDecoder.FrameLengthException;
import zoolog.coord.net.FrameCodec.DecodedFrame;
import zoolog.protocol.jute.JuteException;

/**
 * Last inbound handler of a client connection: turns each frame into a core input and hands it
 * to the core. The first frame is the ConnectRequest, every later one a request; frames that do
 * not decode close the connection with one log line. It forwards in arrival order and never
 * waits for replies, so a client may pipeline requests behind its ConnectRequest and the core
 * decides when to run them.
 *
 * <p>Backpressure: {@link CoreGateway#submit} blocks this event loop while the core's inbox is
 * full, and a connection whose outbound buffer passes its high-water mark (a client that does not
 * read its replies) stops being read until it drains. Together with the frame limit this bounds
 * what one connection can make the server hold. Runs on the channel's event loop.
 */
public final class ClientConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionHandler.class);

    private final ClientConnection connection;
    private final ConnectionRegistry registry;
    private final CoreGateway core;
    private final FrameCodec codec;
    private final int fieldBytesMax;
    private boolean connectSeen;
    private boolean closing;

    /** @param fieldBytesMax the largest string or buffer inside a frame ({@code jute.maxbuffer}) */
    public ClientConnectionHandler(
            ClientConnection connection, ConnectionRegistry registry, CoreGateway core, FrameCodec codec,
            int fieldBytesMax) {
        this.connection = connection;
        this.registry = registry;
        this.core = core;
        this.codec = codec;
        this.fieldBytesMax = fieldBytesMax;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (closing) {
                return;
            }
            registry.countReceived(connection);
            CoreInput input = decode(frame);
            if (!core.submit(input)) {
                LOG.info("Closing connection 0x{} from {}: the coordination core is not running",
                        Long.toHexString(connection.connectionId()), connection.remoteAddress());
                close(ctx);
            }
        } catch (JuteException e) {
            LOG.info("Closing connection 0x{} from {}: {}",
                    Long.toHexString(connection.connectionId()), connection.remoteAddress(), e.getMessage());
            close(ctx);
        } finally {
            frame.release();
        }
    }

    private CoreInput decode(ByteBuf frame) throws JuteException {
        long id = connection.connectionId();
        if (!connectSeen) {
            CoreInput input = new CoreInput.Connect(id, connection.remoteHost(), connection.remotePort(),
                    codec.decodeConnectRequest(frame, fieldBytesMax));
            connectSeen = true;
            return input;
        }
        DecodedFrame decoded = codec.decodeRequest(frame, fieldBytesMax);
        if (decoded.request() == null) {
            return new CoreInput.UnknownRequest(id, decoded.xid(), decoded.opCode());
        }
        return new CoreInput.Request(id, decoded.xid(), decoded.request());
    }

    /** The client closed its side (half-closure is allowed for the four-letter words): close ours too. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connectSeen) {
            // The core owns the session; it only needs to know this connection is gone.
            core.submit(new CoreInput.Disconnected(connection.connectionId()));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // Stop reading from a client that is not reading its replies, resume once it catches up.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String id = Long.toHexString(connection.connectionId());
        if (cause instanceof FrameLengthException tooLong) {
            LOG.warn("Len error {} from {} (connection 0x{}); closing", tooLong.length(), connection.remoteAddress(), id);
        } else if (cause instanceof IOException) {
            LOG.debug("Connection 0x{} from {} failed: {}", id, connection.remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("Closing connection 0x{} from {} after an unexpected error", id, connection.remoteAddress(), cause);
        }
        close(ctx);
    }

    private void close(ChannelHandlerContext ctx) {
        closing = true;
        ctx.close();
    }
}
