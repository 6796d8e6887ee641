package zoolog.coord.net.peer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.Hello;
import zoolog.protocol.peer.PeerMessage;

/**
 * The last handler of an accepted peer connection, after {@link PeerFrameDecoder}: the first
 * frame must be a {@code Hello} naming another member of the ensemble, every later frame a
 * {@code PeerMessage}, which goes to the {@link PeerInbox} in arrival order. Anything else (a bad
 * length, bytes that do not parse, an unknown or our own sid) is logged once at WARN and closes
 * this connection only. Runs on the connection's event loop; {@link #markDown()} may be called
 * from another one when a newer connection from the same member replaces this one.
 */
final class InboundPeerHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPeerHandler.class);

    private static final int NO_SID = -1;

    private final PeerPort port;
    private final PeerNetwork network;
    private volatile Channel channel;
    private int sid = NO_SID;
    private boolean rejected;
    /** Set once this connection has been reported down; guarded by {@code this} so no message follows the report. */
    private boolean down;

    InboundPeerHandler(PeerPort port, PeerNetwork network) {
        this.port = port;
        this.network = network;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    PeerPort port() {
        return port;
    }

    /** The member on the other end, or -1 before its Hello. */
    int sid() {
        return sid;
    }

    Channel channel() {
        return channel;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (rejected) {
            return;
        }
        if (sid == NO_SID) {
            onHello(ctx, frame);
            return;
        }
        PeerMessage message;
        try {
            message = PeerMessage.parseFrom(frame.nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            reject(ctx, "malformed peer message: " + e.getMessage());
            return;
        }
        if (message.getBodyCase() == PeerMessage.BodyCase.BODY_NOT_SET) {
            reject(ctx, "a peer message without a known body (" + frame.readableBytes() + " bytes)");
            return;
        }
        deliver(message);
    }

    private void onHello(ChannelHandlerContext ctx, ByteBuf frame) {
        Hello hello;
        try {
            hello = Hello.parseFrom(frame.nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            reject(ctx, "malformed Hello: " + e.getMessage());
            return;
        }
        String problem = network.helloProblem(hello.getSid());
        if (problem != null) {
            reject(ctx, problem);
            return;
        }
        sid = hello.getSid();
        network.inboundOpened(this);
    }

    private synchronized void deliver(PeerMessage message) {
        if (!down) {
            network.inbox().message(sid, message);
        }
    }

    /** Stops delivery from this connection; true the first time, when the caller reports it down. */
    synchronized boolean markDown() {
        if (down) {
            return false;
        }
        down = true;
        return true;
    }

    private void reject(ChannelHandlerContext ctx, String problem) {
        if (!rejected) {
            rejected = true;
            LOG.warn("Closing the {} port connection from {}{}: {}", port, ctx.channel().remoteAddress(),
                    sid == NO_SID ? "" : " (sid " + sid + ")", problem);
        }
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            reject(ctx, cause.getMessage());
        } else if (cause instanceof IOException) {
            // A reset or similar: the peer went away, which channelInactive reports.
            LOG.debug("The {} port connection from {} failed: {}", port, ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing the {} port connection from {} after an unexpected failure", port,
                    ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (sid != NO_SID) {
            network.inboundClosed(this);
        }
        super.channelInactive(ctx);
    }
}
