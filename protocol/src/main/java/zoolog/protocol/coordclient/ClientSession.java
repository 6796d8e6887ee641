package zoolog.protocol.coordclient;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.DecodedNotification;
import zoolog.protocol.zk.DecodedReply;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Xid;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * One ZooKeeper session over a succession of connections: the state machine behind
 * {@link CoordClient}. Everything mutable lives on one Netty event loop ({@code coord-client-io}):
 * the current channel, the handshake, requests in flight (matched to replies by xid, in order),
 * the last zxid seen and the watch table; callers reach it through {@link #submit}, and results
 * leave through the {@link CallbackThread}. Fields other threads read are volatile snapshots.
 *
 * <pre>
 *  connect(next member) ──► ConnectRequest(lastZxidSeen, sessionId, password)
 *        ▲                        │ ConnectResponse: timeout 0 → EXPIRED, stop
 *        │                        ▼
 *  channel lost ◄──────── CONNECTED / RECONNECTED: setWatches, queued requests, pings
 *  (in-flight requests fail with CONNECTION_LOSS; after a full round of failed
 *   members, queued ones too, and the next round waits a short random back-off)
 * </pre>
 */
final class ClientSession {

    /**
     * Requests submitted but not answered. Past it, new requests fail at once with THROTTLED_OP,
     * so a caller that outruns the ensemble learns it instead of queueing without end.
     */
    static final int PENDING_REQUESTS_MAX = 1_000;
    /**
     * The largest server frame accepted. Bigger than the server's 1 MiB request limit because a
     * reply (getChildren of a wide node, a multi's results) can legitimately exceed a request.
     */
    static final int FRAME_BYTES_MAX = 4 * 1024 * 1024;
    /** Upper bound of the random pause after every member refused us once in a row. */
    static final int RECONNECT_BACKOFF_MILLIS_MAX = 250;
    static final String IO_THREAD_NAME = "coord-client-io";

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final int PROTOCOL_VERSION = 0;
    private static final int PASSWORD_BYTES = 16;
    private static final String IDLE_HANDLER = "idle";

    private final CoordClientConfig config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final HostList hosts;
    private final CallbackThread callbacks;
    private final List<ConnectionStateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();

    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile long sessionId;
    private volatile int negotiatedTimeoutMillis;
    private volatile InetSocketAddress server;
    private volatile byte[] password = new byte[PASSWORD_BYTES];

    // Owned by the I/O thread.
    private final WatchRegistry watches = new WatchRegistry();
    private final ArrayDeque<PendingRequest> unsent = new ArrayDeque<>();
    private final ArrayDeque<PendingRequest> inFlight = new ArrayDeque<>();
    private Channel channel;
    private boolean handshakeDone;
    private boolean stopped;
    /** closeSession was sent: the server will drop the connection, and we must not reconnect. */
    private boolean closing;
    private long lastZxidSeen;
    private int lastXid;
    private int failedAttempts;

    ClientSession(CoordClientConfig config, CallbackThread callbacks) {
        this.config = config;
        this.callbacks = callbacks;
        this.hosts = new HostList(config.servers(), config.random());
        this.group = new NioEventLoopGroup(1, ClientSession::newIoThread);
        this.loop = group.next();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                // ZooKeeper's rule: all members together may take one session timeout to answer.
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, config.sessionTimeoutMillis() / hosts.size()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("frames", new LengthFieldBasedFrameDecoder(FRAME_BYTES_MAX, 0,
                                        ZkCodec.LENGTH_PREFIX_BYTES, 0, ZkCodec.LENGTH_PREFIX_BYTES))
                                .addLast(IDLE_HANDLER, idleHandler(config.sessionTimeoutMillis()))
                                .addLast("session", new SessionChannelHandler(ClientSession.this));
                    }
                });
    }

    void start() {
        loop.execute(this::connectNext);
    }

    // ---- any thread -------------------------------------------------------------------------

    /** Hands a request to the I/O thread; its future completes on the callback thread. */
    CompletableFuture<ZkResponse> submit(PendingRequest request) {
        if (pending.incrementAndGet() > PENDING_REQUESTS_MAX) {
            pending.decrementAndGet();
            request.result.completeExceptionally(new CoordException(ErrorCode.THROTTLED_OP, request.path));
            return request.result;
        }
        try {
            loop.execute(() -> send(request));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            request.result.completeExceptionally(new CoordException(ErrorCode.CONNECTION_LOSS, request.path));
        }
        return request.result;
    }

    void addStateListener(ConnectionStateListener listener) {
        stateListeners.add(listener);
    }

    CompletableFuture<Void> firstConnect() {
        return firstConnect;
    }

    ConnectionState state() {
        return state;
    }

    long sessionId() {
        return sessionId;
    }

    int negotiatedTimeoutMillis() {
        return negotiatedTimeoutMillis;
    }

    InetSocketAddress server() {
        return server;
    }

    byte[] password() {
        return password.clone();
    }

    /**
     * Ends the session: sends closeSession if connected and waits up to {@code waitMillis} for its
     * reply (the ensemble then deletes our ephemerals at once instead of after the timeout), then
     * fails what is left with CONNECTION_LOSS and releases the I/O thread.
     */
    void close(long waitMillis) throws InterruptedException {
        PendingRequest goodbye = new PendingRequest(new ZkRequest.CloseSession(), null, null, null);
        pending.incrementAndGet();
        try {
            loop.execute(() -> {
                if (handshakeDone && !stopped) {
                    closing = true;
                    write(goodbye);
                } else {
                    complete(goodbye, ErrorCode.OK.code(), ZkResponse.Empty.INSTANCE);
                }
            });
            if (!callbacks.isCurrentThread()) {
                goodbye.result.handle((ok, failed) -> null).get(waitMillis, TimeUnit.MILLISECONDS);
            }
            loop.submit(() -> stop(ConnectionState.CLOSED, ErrorCode.CONNECTION_LOSS)).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.debug("closing session 0x{} did not finish cleanly: {}", Long.toHexString(sessionId), e.toString());
        } finally {
            group.shutdownGracefully(0, waitMillis, TimeUnit.MILLISECONDS).await(waitMillis);
        }
    }

    // ---- I/O thread -------------------------------------------------------------------------

    private void send(PendingRequest request) {
        if (stopped) {
            fail(request, state == ConnectionState.EXPIRED ? ErrorCode.SESSION_EXPIRED : ErrorCode.CONNECTION_LOSS);
        } else if (handshakeDone) {
            write(request);
        } else {
            unsent.add(request);
        }
    }

    private void write(PendingRequest request) {
        lastXid = lastXid == Integer.MAX_VALUE ? 1 : lastXid + 1;
        request.xid = lastXid;
        ByteBuf out = channel.alloc().buffer();
        try {
            ZkCodec.encodeRequest(request.xid, request.request, out);
        } catch (IllegalArgumentException e) {
            out.release();
            pending.decrementAndGet();
            callbacks.submit(() -> request.result.completeExceptionally(e));
            return;
        }
        inFlight.add(request);
        channel.writeAndFlush(out, channel.voidPromise());
    }

    /** Pings and setWatches: reserved xids, answered in order but matched to nothing. */
    private void writeUntracked(int xid, ZkRequest request) {
        ByteBuf out = channel.alloc().buffer();
        ZkCodec.encodeRequest(xid, request, out);
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void connectNext() {
        if (stopped) {
            return;
        }
        InetSocketAddress address = hosts.next();
        LOG.debug("connecting to {}:{} (session 0x{})", address.getHostString(), address.getPort(),
                Long.toHexString(sessionId));
        ChannelFuture connect = bootstrap.connect(address);
        channel = connect.channel();
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("cannot connect to {}:{}: {}", address.getHostString(), address.getPort(),
                        done.cause().toString());
                onChannelLost(connect.channel());
            }
        });
    }

    void onChannelActive(Channel ch) {
        if (ch != channel) {
            ch.close();
            return;
        }
        server = (InetSocketAddress) ch.remoteAddress();
        ByteBuf out = ch.alloc().buffer();
        ZkCodec.encodeConnectRequest(new ConnectRequest(PROTOCOL_VERSION, lastZxidSeen, config.sessionTimeoutMillis(),
                sessionId, password, false, true), out);
        ch.writeAndFlush(out, ch.voidPromise());
    }

    void onFrame(Channel ch, ByteBuf frame) {
        if (ch != channel) {
            return;
        }
        try {
            if (!handshakeDone) {
                onConnectResponse(ch, ZkCodec.decodeConnectResponse(frame));
                return;
            }
            int xid = ZkCodec.peekXid(frame);
            switch (xid) {
                case Xid.NOTIFICATION -> onNotification(ZkCodec.decodeNotification(frame));
                case Xid.PING -> { }
                case Xid.SET_WATCHES -> {
                    DecodedReply reply = ZkCodec.decodeReply(frame, OpCode.SET_WATCHES);
                    if (reply.err() != 0) {
                        LOG.warn("{} refused setWatches: {}", server, ErrorCode.of(reply.err()));
                    }
                }
                default -> onReply(ch, xid, frame);
            }
        } catch (JuteException e) {
            LOG.warn("malformed frame from {}: {}; dropping the connection", server, e.getMessage());
            ch.close();
        }
    }

    private void onConnectResponse(Channel ch, ConnectResponse response) {
        if (response.timeoutMillis() <= 0) {
            LOG.warn("session 0x{} expired (told by {})", Long.toHexString(sessionId), server);
            stop(ConnectionState.EXPIRED, ErrorCode.SESSION_EXPIRED);
            return;
        }
        boolean resumed = sessionId != 0 && response.sessionId() == sessionId;
        sessionId = response.sessionId();
        password = response.password();
        negotiatedTimeoutMillis = response.timeoutMillis();
        handshakeDone = true;
        failedAttempts = 0;
        ch.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER, idleHandler(negotiatedTimeoutMillis));
        // Watches first: a queued request must not change a watched node before the watch is back.
        for (ZkRequest.SetWatches setWatches : watches.setWatches(lastZxidSeen)) {
            writeUntracked(Xid.SET_WATCHES, setWatches);
        }
        while (!unsent.isEmpty()) {
            write(unsent.poll());
        }
        LOG.info("session 0x{} {} to {} (timeout {} ms)", Long.toHexString(sessionId),
                resumed ? "reconnected" : "connected", server, negotiatedTimeoutMillis);
        setState(resumed ? ConnectionState.RECONNECTED : ConnectionState.CONNECTED);
        if (!resumed) {
            callbacks.submit(() -> firstConnect.complete(null));
        }
    }

    private void onReply(Channel ch, int xid, ByteBuf frame) throws JuteException {
        PendingRequest request = inFlight.peek();
        if (request == null || request.xid != xid) {
            LOG.warn("reply xid {} from {} out of order (expected {}); dropping the connection", xid, server,
                    request == null ? "none" : request.xid);
            ch.close();
            return;
        }
        DecodedReply reply = ZkCodec.decodeReply(frame, request.request.opCode());
        inFlight.poll();
        if (reply.zxid() > 0) {
            lastZxidSeen = reply.zxid();
        }
        if (request.watch != null) {
            watches.register(request.watchKind, request.path, request.watch, reply.err());
        }
        complete(request, reply.err(), reply.body());
    }

    private void onNotification(DecodedNotification notification) {
        WatchEvent.Type type = WatchEvent.Type.of(notification.event().type());
        if (type == null) {
            return;
        }
        WatchEvent event = new WatchEvent(type, notification.event().path());
        for (WatchListener listener : watches.trigger(type, event.path())) {
            callbacks.submit(() -> listener.onWatch(event));
        }
    }

    void onIdle(Channel ch, IdleState idle) {
        if (ch != channel) {
            return;
        }
        if (idle == IdleState.WRITER_IDLE && handshakeDone) {
            writeUntracked(Xid.PING, new ZkRequest.Ping());
        } else if (idle == IdleState.READER_IDLE) {
            LOG.info("nothing heard from {} in two thirds of the session timeout; trying another member", server);
            ch.close();
        }
    }

    void onChannelLost(Channel ch) {
        if (ch != channel) {
            return;
        }
        channel = null;
        server = null;
        boolean wasConnected = handshakeDone;
        handshakeDone = false;
        failAll(inFlight, ErrorCode.CONNECTION_LOSS);
        if (stopped || closing) {
            return;
        }
        if (wasConnected) {
            LOG.info("lost the connection of session 0x{}; trying another member", Long.toHexString(sessionId));
            setState(ConnectionState.SUSPENDED);
            failedAttempts = 0;
            connectNext();
            return;
        }
        failedAttempts++;
        if (failedAttempts < hosts.size()) {
            connectNext();
            return;
        }
        // Every member refused us once: what waited for a connection learns it, then pause briefly
        // so a whole fleet of clients does not hammer a restarting ensemble in lock-step.
        failedAttempts = 0;
        failAll(unsent, ErrorCode.CONNECTION_LOSS);
        loop.schedule(this::connectNext, config.random().nextInt(RECONNECT_BACKOFF_MILLIS_MAX) + 1L,
                TimeUnit.MILLISECONDS);
    }

    /** Expiry or close: no more connections; everything waiting fails with {@code code}. */
    private void stop(ConnectionState finalState, ErrorCode code) {
        if (stopped) {
            return;
        }
        stopped = true;
        handshakeDone = false;
        Channel ch = channel;
        channel = null;
        server = null;
        if (ch != null) {
            ch.close();
        }
        failAll(inFlight, code);
        failAll(unsent, code);
        watches.clear();
        setState(finalState);
        callbacks.submit(() -> firstConnect.completeExceptionally(new CoordException(code, null)));
    }

    private void setState(ConnectionState newState) {
        state = newState;
        callbacks.submit(() -> stateListeners.forEach(listener -> listener.stateChanged(newState)));
    }

    private void failAll(ArrayDeque<PendingRequest> requests, ErrorCode code) {
        while (!requests.isEmpty()) {
            fail(requests.poll(), code);
        }
    }

    private void fail(PendingRequest request, ErrorCode code) {
        complete(request, code.code(), null);
    }

    private void complete(PendingRequest request, int err, ZkResponse body) {
        pending.decrementAndGet();
        callbacks.submit(() -> {
            if (err == 0) {
                request.result.complete(body);
            } else {
                request.result.completeExceptionally(new CoordException(ErrorCode.of(err), request.path));
            }
        });
    }

    private static Thread newIoThread(Runnable loop) {
        Thread thread = new FastThreadLocalThread(loop, IO_THREAD_NAME);
        thread.setDaemon(true);
        return thread;
    }

    /** Pings after a third of the timeout without writing; gives up after two thirds without reading. */
    private static IdleStateHandler idleHandler(int timeoutMillis) {
        return new IdleStateHandler(timeoutMillis * 2L / 3, timeoutMillis / 3L, 0, TimeUnit.MILLISECONDS);
    }
}
