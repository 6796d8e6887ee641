package zoolog.coord.net.peer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.peer.Hello;
import zoolog.protocol.peer.PeerMessage;

/**
 * The links between this ensemble member and the others, for the replication core, which never
 * sees a socket: it calls {@link #send} and hears back through a {@link PeerInbox}. Each member
 * listens on its quorum and election ports, and every connection carries messages one way only,
 * from the member that opened it, starting with a {@code Hello} naming that member; replies travel
 * on the replier's own connection. So each directed link is a separate TCP connection that a
 * test proxy can delay or cut alone. See {@code docs/internals/peer-network.md}.
 *
 * <p>It owns no threads: the node passes in the accept and I/O event loop groups and shuts them
 * down after {@link #close()}. {@link #send} is safe from any thread and never blocks.
 */
public final class PeerNetwork implements AutoCloseable {

    /**
     * Messages one outgoing connection may hold while connecting or while the peer reads slowly.
     * A peer this far behind is treated as gone (connection dropped, {@code peerDown} reported)
     * rather than buffered without end; a new connection starts on the next send.
     */
    public static final int PEER_QUEUE_MAX = 100_000;

    /** How long a connection attempt may take before the peer counts as down. */
    public static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    /**
     * Bytes Netty may hold for one outgoing connection before the connection stops taking
     * messages from its queue, which keeps the rest of a burst in the bounded queue.
     */
    static final int WRITE_BUFFER_HIGH_BYTES_MAX = 4 * 1024 * 1024;

    /** Buffered bytes below which a paused outgoing connection takes messages from its queue again. */
    static final int WRITE_BUFFER_LOW_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PeerNetwork.class);

    private final int mySid;
    private final Map<Integer, PeerAddresses> peers;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final PeerInbox inbox;
    private final Hello hello;
    private final Bootstrap bootstrap;
    private final Map<Integer, Map<PeerPort, Link>> links;
    /**
     * The current incoming connection from each member on each port. A newer one replaces (and
     * closes) an older one, so a member holds at most two registered connections here.
     */
    private final Map<PeerPort, ConcurrentMap<Integer, InboundPeerHandler>> inbound = new EnumMap<>(Map.of(
            PeerPort.QUORUM, new ConcurrentHashMap<>(), PeerPort.ELECTION, new ConcurrentHashMap<>()));
    private final Set<Channel> accepted = ConcurrentHashMap.newKeySet();
    private final List<Channel> listening = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param mySid       this member's id
     * @param peers       every member's addresses as this member's zoo.cfg gives them, this member's
     *                    own (where it listens) included
     * @param acceptGroup an NIO event loop group for the two listening sockets
     * @param ioGroup     an NIO event loop group for peer connections
     * @param inbox       where incoming messages and {@code peerDown}s go, called on the I/O threads
     */
    public PeerNetwork(int mySid, Map<Integer, PeerAddresses> peers, EventLoopGroup acceptGroup,
            EventLoopGroup ioGroup, PeerInbox inbox) {
        if (!peers.containsKey(mySid)) {
            throw new IllegalArgumentException("the peer addresses do not include this member's own, sid " + mySid);
        }
        this.mySid = mySid;
        this.peers = Map.copyOf(peers);
        this.acceptGroup = acceptGroup;
        this.ioGroup = ioGroup;
        this.inbox = inbox;
        this.hello = Hello.newBuilder().setSid(mySid).build();
        this.bootstrap = new Bootstrap()
                .group(ioGroup)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_BUFFER_LOW_BYTES, WRITE_BUFFER_HIGH_BYTES_MAX));
        Map<Integer, Map<PeerPort, Link>> outgoing = new HashMap<>();
        for (Map.Entry<Integer, PeerAddresses> peer : this.peers.entrySet()) {
            if (peer.getKey() != mySid) {
                Map<PeerPort, Link> ports = new EnumMap<>(PeerPort.class);
                for (PeerPort port : PeerPort.values()) {
                    ports.put(port, new Link(peer.getKey(), port, peer.getValue().of(port)));
                }
                outgoing.put(peer.getKey(), ports);
            }
        }
        this.links = Map.copyOf(outgoing);
    }

    /**
     * Listens on this member's quorum and election ports and returns the bound addresses (useful
     * when a port was 0). A port that cannot be bound, for example because the host in this
     * member's {@code server.N} line is not one of this machine's addresses, fails with a
     * {@link BindException} naming the sid and the port.
     */
    public PeerAddresses start() throws IOException, InterruptedException {
        if (started || closed) {
            throw new IllegalStateException("the peer network of sid " + mySid + " was already started");
        }
        started = true;
        PeerAddresses own = peers.get(mySid);
        try {
            PeerAddresses bound = new PeerAddresses(listen(PeerPort.QUORUM, own.quorum()),
                    listen(PeerPort.ELECTION, own.election()));
            LOG.info("Sid {} listening for peers on {} (quorum) and {} (election)", mySid, bound.quorum(),
                    bound.election());
            return bound;
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private InetSocketAddress listen(PeerPort port, InetSocketAddress configured)
            throws IOException, InterruptedException {
        InetSocketAddress address = configured.isUnresolved()
                ? new InetSocketAddress(configured.getHostString(), configured.getPort()) : configured;
        if (address.isUnresolved()) {
            throw new BindException("sid " + mySid + " cannot listen on its " + port + " port " + configured
                    + ": the host does not resolve");
        }
        ChannelFuture binding = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(inboundInitializer(port))
                .bind(address)
                .await();
        if (!binding.isSuccess()) {
            BindException failure = new BindException("sid " + mySid + " cannot listen on its " + port + " port "
                    + address + ": " + binding.cause().getMessage());
            failure.initCause(binding.cause());
            throw failure;
        }
        listening.add(binding.channel());
        return (InetSocketAddress) binding.channel().localAddress();
    }

    /** The pipeline of an accepted connection: frames, then Hello and messages to the inbox. */
    ChannelInitializer<Channel> inboundInitializer(PeerPort port) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                accepted.add(channel);
                channel.closeFuture().addListener(done -> accepted.remove(channel));
                if (closed) {
                    channel.close();
                    return;
                }
                channel.pipeline().addLast("frames", new PeerFrameDecoder());
                channel.pipeline().addLast("peer", new InboundPeerHandler(port, PeerNetwork.this));
            }
        };
    }

    /**
     * Sends {@code message} to member {@code sid}: a {@code Vote} over this member's connection to
     * the peer's election port, anything else over the one to its quorum port, opening the
     * connection if there is none. Messages on one connection arrive in send order or not at all;
     * if the connection breaks, what is still queued is dropped and (on the quorum port)
     * {@code peerDown(sid)} is reported, and the next send opens a new connection.
     *
     * @throws IllegalArgumentException if {@code sid} is this member or not a member
     */
    public void send(int sid, PeerMessage message) {
        Map<PeerPort, Link> ports = links.get(sid);
        if (ports == null) {
            throw new IllegalArgumentException(sid == mySid
                    ? "sid " + sid + " is this member; it does not send to itself"
                    : "sid " + sid + " is not a member of the ensemble");
        }
        if (!closed) {
            ports.get(PeerPort.carrying(message)).send(message);
        }
    }

    /**
     * Stops listening and closes every peer connection, waiting for them to close; queued messages
     * are dropped and nothing more reaches the inbox (no {@code peerDown} either). The event loop
     * groups stay up. Not to be called on one of their threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel channel : listening) {
            closing.add(channel.close());
        }
        for (Map<PeerPort, Link> ports : links.values()) {
            for (Link link : ports.values()) {
                OutboundConnection connection = link.current.getAndSet(null);
                ChannelFuture channelClosed = connection == null ? null : connection.close();
                if (channelClosed != null) {
                    closing.add(channelClosed);
                }
            }
        }
        for (Channel channel : accepted) {
            closing.add(channel.close());
        }
        for (ChannelFuture future : closing) {
            future.syncUninterruptibly();
        }
    }

    PeerInbox inbox() {
        return inbox;
    }

    /** Why a Hello naming {@code sid} is refused, or null if it is another member. */
    String helloProblem(int sid) {
        if (sid == mySid) {
            return "the Hello names our own sid " + sid;
        }
        if (!links.containsKey(sid)) {
            return "the Hello names sid " + sid + ", which is not a member of this ensemble";
        }
        return null;
    }

    /** A connection from another member has said Hello; it replaces any older one from that member on that port. */
    void inboundOpened(InboundPeerHandler handler) {
        PeerPort port = handler.port();
        if (port == PeerPort.QUORUM) {
            LOG.info("Quorum connection from sid {} at {}", handler.sid(), handler.channel().remoteAddress());
        } else {
            LOG.debug("Election connection from sid {} at {}", handler.sid(), handler.channel().remoteAddress());
        }
        InboundPeerHandler older = inbound.get(port).put(handler.sid(), handler);
        if (older != null) {
            // Report the old connection down before the new one delivers anything, so the core
            // never mistakes the new connection's messages for a continuation of the old stream.
            reportInboundDown(older, "replaced by a newer connection");
            older.channel().close();
        }
    }

    void inboundClosed(InboundPeerHandler handler) {
        inbound.get(handler.port()).remove(handler.sid(), handler);
        reportInboundDown(handler, "connection closed");
    }

    /** Stops delivery from the connection; for a quorum one, tells the inbox (once). */
    private void reportInboundDown(InboundPeerHandler handler, String reason) {
        if (!handler.markDown() || closed) {
            return;
        }
        if (handler.port() == PeerPort.QUORUM) {
            LOG.info("Quorum connection from sid {} is down: {}", handler.sid(), reason);
            inbox.peerDown(handler.sid());
        } else {
            LOG.debug("Election connection from sid {} is down: {}", handler.sid(), reason);
        }
    }

    private void outboundDown(OutboundConnection connection, String reason) {
        Link link = links.get(connection.sid()).get(connection.port());
        link.current.compareAndSet(connection, null);
        if (closed) {
            return;
        }
        if (connection.port() == PeerPort.QUORUM) {
            LOG.info("Quorum connection to sid {} at {} is down: {}", connection.sid(), connection.address(), reason);
            inbox.peerDown(connection.sid());
        } else {
            LOG.debug("Election connection to sid {} at {} is down: {}", connection.sid(), connection.address(),
                    reason);
        }
    }

    /** The directed link to one port of one member: at most one live outgoing connection at a time. */
    private final class Link {
        final int sid;
        final PeerPort port;
        final InetSocketAddress address;
        final AtomicReference<OutboundConnection> current = new AtomicReference<>();

        Link(int sid, PeerPort port, InetSocketAddress address) {
            this.sid = sid;
            this.port = port;
            this.address = address;
        }

        /**
         * Offers to the live connection, or opens one. Every retry follows progress by another
         * thread (it installed a connection, or the connection went down), so the loop ends.
         */
        void send(PeerMessage message) {
            while (true) {
                OutboundConnection connection = current.get();
                if (connection == null) {
                    OutboundConnection fresh = new OutboundConnection(sid, port, address, PeerNetwork.this::outboundDown);
                    if (!current.compareAndSet(null, fresh)) {
                        continue;
                    }
                    fresh.offer(message);
                    fresh.connect(bootstrap, hello);
                    if (closed) {
                        fresh.close();
                    }
                    return;
                }
                if (connection.offer(message)) {
                    return;
                }
                current.compareAndSet(connection, null);
            }
        }
    }
}
