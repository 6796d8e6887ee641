package zoolog.coord.core;

import com.google.protobuf.ByteString;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import zoolog.coord.zab.ReplicatedState;
import zoolog.coord.zab.Role;
import zoolog.coord.zab.ZabPeer;
import zoolog.protocol.peer.AuthId;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.ZkBytes;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.acl.AclPolicy;
import zoolog.coord.ops.Prepared;
import zoolog.coord.ops.TxnPreparer;
import zoolog.coord.session.SessionTracker;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.StoredNodes;
import zoolog.coord.watch.WatchManager;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.CloseSessionTxn;
import zoolog.protocol.txn.CreateSessionTxn;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.Watches;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The standalone coordination server's state machine: connections, sessions, the write path and
 * the read path, driven by {@link CoreInput}s and acting only through {@link CoreEffects}.
 *
 * <pre>
 *   write:  Request ─prepare→ Txn ─persist→ (fsync) ─Durable→ apply to tree ─→ watches fire ─→ reply
 *   read:   Request ─(after the connection's earlier replies)→ answer from the applied tree
 * </pre>
 *
 * The split between {@link TxnPreparer} (decide) and {@link DataTree#apply} (apply once durable)
 * is ZooKeeper's prep/commit split; a quorum slots in between persist and apply. Single-threaded:
 * the driver calls {@link #step} from one thread, and nothing here blocks or reads a clock.
 */
public final class CoordCore implements Core {

    /** Tunables the core needs, already validated by the configuration layer. */
    public record Settings(
            int tickMillis,
            int minSessionTimeoutMillis,
            int maxSessionTimeoutMillis,
            long serverId,
            boolean extendedTypesEnabled,
            String superDigest,
            long containerCheckIntervalMillis) {}

    /** A connection with more unanswered requests than this is closed: the per-connection memory bound. */
    static final int PENDING_REPLIES_PER_CONNECTION_MAX = 10_000;
    /** Container/TTL deletions started per check, like ZooKeeper's znode.container.maxPerMinute. */
    static final int CLEANUPS_PER_CHECK_MAX = 10_000;
    private static final int PASSWORD_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(CoordCore.class);

    /** Standalone: a transaction handed to the store under {@code token}, applied once durable. */
    private record InFlight(Txn txn, long token) {}

    /** A local client's write, matched to its transaction by session and xid when it is applied. */
    private record WriteKey(long sessionId, int cxid) {}

    record AwaitingWrite(long connectionId, Connection.PendingReply reply) {}

    /** {@code awaitZxid} of a reply whose write was forwarded to the leader and has no zxid yet. */
    private static final long AWAITING_LEADER = -1;

    private final Settings settings;
    private final CoreEffects effects;
    private final RandomGenerator random;
    final DataTree tree = new DataTree();
    private final WatchManager watches = new WatchManager();
    final SessionTracker sessions;
    private final AclPolicy aclPolicy;
    final TxnPreparer preparer;
    private final ReadRequests reads;
    private final CoreStats stats;
    final Map<Long, Connection> connections = new HashMap<>();
    private final Map<Long, Connection> connectionBySession = new HashMap<>();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private final Map<WriteKey, AwaitingWrite> awaitingWrites = new HashMap<>();
    /** Learner: sessions its clients touched since the last heartbeat to the leader. */
    final Set<Long> touchedSessions = new HashSet<>();
    /** Null for a standalone server: then writes are durable on the local disk alone. */
    ZabPeer zab;
    Role role = Role.STANDALONE;
    private final WatchManager.EventSink notifier = (connectionId, type, path) ->
            notify(connectionId, type, path, tree.lastProcessedZxid());
    long nextZxid = 1;
    /** The token of the next op handed to {@link CoreEffects#persist}; the store reports them back in order. */
    private long nextToken = 1;
    private long nextSessionId;
    long nowMillis;
    private long nextCleanupMillis;

    public CoordCore(Settings settings, CoreEffects effects, RandomGenerator random, long startMillis) {
        this.settings = settings;
        this.effects = effects;
        this.random = random;
        this.sessions = new SessionTracker(settings.tickMillis());
        this.aclPolicy = new AclPolicy(settings.superDigest());
        this.preparer = new TxnPreparer(tree, aclPolicy, settings.extendedTypesEnabled());
        this.reads = new ReadRequests(tree, watches, aclPolicy);
        this.stats = new CoreStats(this, tree, watches, sessions, connections);
        // ZooKeeper's scheme: server id in the top byte, then milliseconds, so ids stay unique across restarts.
        this.nextSessionId = ((startMillis << 24) >>> 8) | (settings.serverId() << 56);
        this.nowMillis = startMillis;
        this.nextCleanupMillis = startMillis + settings.containerCheckIntervalMillis();
    }

    @Override
    public CoreView view() {
        return stats;
    }

    /**
     * Makes this core one member of an ensemble: writes go through ZAB and clients wait for a
     * leader. Returns the replicated state to build the {@link ZabPeer} with; the caller then
     * hands the peer back through {@link #joinEnsemble}.
     */
    public ReplicatedState replica() {
        return new Replica(this);
    }

    public void joinEnsemble(ZabPeer peer) {
        this.zab = peer;
        this.role = Role.LOOKING;
    }

    /** The writes of local clients still waiting for their transaction or the leader's answer. */
    AwaitingWrite takeAwaitingWrite(long sessionId, int cxid) {
        return awaitingWrites.remove(new WriteKey(sessionId, cxid));
    }

    void forgetAwaitingWrites() {
        awaitingWrites.clear();
    }

    Role role() {
        return role;
    }

    ZabPeer.View ensembleView() {
        return zab == null ? null : zab.view();
    }

    // ---------------------------------------------------------------- recovery (before any step)

    public void restoreNode(String path, StoredNode node) {
        tree.restore(path, StoredNodes.fromStored(node));
    }

    public void restoreSession(StoredSession session) {
        sessions.add(session.getSessionId(), session.getTimeoutMillis(), session.getPassword().toByteArray(), nowMillis);
    }

    public void restoredUpTo(long zxid) {
        tree.restoredUpTo(zxid);
        nextZxid = zxid + 1;
    }

    /** Re-applies a logged transaction newer than the materialised state (no client is waiting for it). */
    public void replay(Txn txn) {
        applyTxn(txn, null);
        nextZxid = txn.getZxid() + 1;
    }

    public long lastProcessedZxid() {
        return tree.lastProcessedZxid();
    }


    // ---------------------------------------------------------------- inputs

    @Override
    public void step(long now, CoreInput input) {
        nowMillis = now;
        if (input instanceof CoreInput.Request r) {
            onRequest(r);
        } else if (input instanceof CoreInput.Durable d) {
            if (zab != null) {
                zab.onDurable(now, d.token());
            } else {
                onDurable(d.token());
            }
        } else if (input instanceof CoreInput.FromPeer p) {
            zab.onMessage(now, p.sid(), p.message());
        } else if (input instanceof CoreInput.PeerDown p) {
            zab.onPeerDown(now, p.sid());
        } else if (input instanceof CoreInput.Connect c) {
            onConnect(c);
        } else if (input instanceof CoreInput.Disconnected d) {
            onDisconnected(d.connectionId());
        } else if (input instanceof CoreInput.Tick) {
            onTick();
            if (zab != null) {
                zab.onTick(now);
            }
        } else if (input instanceof CoreInput.UnknownRequest u) {
            onUnknownRequest(u);
        }
    }

    private void onConnect(CoreInput.Connect input) {
        Connection connection = new Connection(input.connectionId(), input.remoteHost(), input.remotePort(), nowMillis);
        connections.put(connection.id, connection);
        if (role == Role.LOOKING) {
            // As ZooKeeper: no leader, no service; the client tries another member.
            closeConnection(connection);
            return;
        }
        ConnectRequest request = input.request();
        if (request.lastZxidSeen() > tree.lastProcessedZxid()) {
            // The client has seen a newer state than ours; ZooKeeper closes so it tries another server.
            LOG.info("Refusing session request for client /{}:{} as it has seen zxid 0x{} our last zxid is 0x{}",
                    connection.remoteHost, connection.remotePort, Long.toHexString(request.lastZxidSeen()),
                    Long.toHexString(tree.lastProcessedZxid()));
            closeConnection(connection);
            return;
        }
        int timeout = Math.max(settings.minSessionTimeoutMillis(),
                Math.min(settings.maxSessionTimeoutMillis(), request.timeoutMillis()));
        connection.timeoutMillis = timeout;
        Connection.PendingReply handshake = new Connection.PendingReply(0, OpCode.CREATE_SESSION, null, nowMillis);
        connection.queue.add(handshake);
        if (request.sessionId() == 0) {
            startNewSession(connection, handshake, timeout, request.readOnlyPresent());
        } else {
            resumeSession(connection, handshake, request, timeout);
        }
        drain(connection);
    }

    private void startNewSession(Connection connection, Connection.PendingReply handshake, int timeout, boolean readOnlyPresent) {
        long sessionId = nextSessionId++;
        byte[] password = new byte[PASSWORD_BYTES];
        random.nextBytes(password);
        connection.sessionId = sessionId;
        connectionBySession.put(sessionId, connection);
        handshake.connectResponse = new ConnectResponse(0, timeout, sessionId, password, false, readOnlyPresent);
        if (isLearner()) {
            forward(connection, handshake, ForwardedRequest.newBuilder().setSessionId(sessionId)
                    .setOpCode(OpCode.CREATE_SESSION).setTimeoutMillis(timeout).setPassword(ByteString.copyFrom(password)));
            return;
        }
        if (notLeading(connection)) {
            return;
        }
        Txn txn = Txn.newBuilder()
                .setZxid(nextZxid++)
                .setTimeMillis(nowMillis)
                .setSessionId(sessionId)
                .setCreateSession(CreateSessionTxn.newBuilder().setTimeoutMillis(timeout).setPassword(ByteString.copyFrom(password)))
                .build();
        propose(txn, connection, handshake);
    }

    private void resumeSession(Connection connection, Connection.PendingReply handshake, ConnectRequest request, int timeout) {
        SessionTracker.Session session = sessions.get(request.sessionId());
        boolean valid = session != null && !session.isClosing()
                && Arrays.equals(session.password(), request.password());
        if (!valid) {
            LOG.info("Invalid session 0x{} for client /{}:{}, probably expired", Long.toHexString(request.sessionId()),
                    connection.remoteHost, connection.remotePort);
            handshake.connectResponse = new ConnectResponse(0, 0, 0, new byte[PASSWORD_BYTES], false, request.readOnlyPresent());
            handshake.closeAfter = true;
            handshake.complete(0, null, tree.lastProcessedZxid());
            return;
        }
        Connection previous = connectionBySession.get(session.id());
        if (previous != null && previous != connection) {
            closeConnection(previous);
        }
        connection.sessionId = session.id();
        connectionBySession.put(session.id(), connection);
        sessions.setTimeout(session.id(), timeout, nowMillis);
        handshake.connectResponse = new ConnectResponse(0, timeout, session.id(), session.password(), false,
                request.readOnlyPresent());
        handshake.complete(0, null, tree.lastProcessedZxid());
    }

    private void onRequest(CoreInput.Request input) {
        Connection connection = connections.get(input.connectionId());
        if (connection == null || connection.closed) {
            return;
        }
        ZkRequest request = input.request();
        connection.requestsReceived++;
        connection.lastOperation = OpCode.name(request.opCode());
        connection.lastCxid = input.xid();
        if (connection.queue.size() >= PENDING_REPLIES_PER_CONNECTION_MAX) {
            LOG.warn("Closing connection /{}:{}: more than {} requests without replies", connection.remoteHost,
                    connection.remotePort, PENDING_REPLIES_PER_CONNECTION_MAX);
            closeConnection(connection);
            return;
        }
        SessionTracker.Session session = sessions.get(connection.sessionId);
        boolean sessionClosing = session != null && session.isClosing();
        if (session != null && !sessionClosing) {
            sessions.touch(session.id(), nowMillis);
            if (isLearner()) {
                touchedSessions.add(session.id());
            }
        }
        Connection.PendingReply reply = new Connection.PendingReply(input.xid(), request.opCode(), request, nowMillis);
        connection.queue.add(reply);
        if (sessionClosing) {
            reply.complete(ErrorCode.SESSION_EXPIRED.code(), null, tree.lastProcessedZxid());
        } else if (request instanceof ZkRequest.Auth auth) {
            authenticate(connection, reply, auth);
        } else if (isLearner() && (isWrite(request) || request instanceof ZkRequest.CloseSession
                || request instanceof ZkRequest.Sync)) {
            reply.closeAfter = request instanceof ZkRequest.CloseSession;
            forward(connection, reply, ForwardedRequest.newBuilder().setSessionId(connection.sessionId)
                    .setOpCode(request.opCode()).setRequest(ByteString.copyFrom(ZkBytes.request(reply.xid, request))));
        } else if (isWrite(request)) {
            prepareWrite(connection, reply, request);
        } else if (request instanceof ZkRequest.CloseSession) {
            if (!notLeading(connection)) {
                closeSession(connection.sessionId, connection, reply);
            }
        } else if (request instanceof ZkRequest.Check) {
            // check is only meaningful inside multi; alone it is an invalid request, as in ZooKeeper.
            reply.complete(ErrorCode.UNIMPLEMENTED.code(), null, tree.lastProcessedZxid());
            reply.closeAfter = true;
        }
        drain(connection);
    }

    private static boolean isWrite(ZkRequest request) {
        return request instanceof ZkRequest.Create
                || request instanceof ZkRequest.Delete
                || request instanceof ZkRequest.SetData
                || request instanceof ZkRequest.SetAcl
                || (request instanceof ZkRequest.Multi m && m.opCode() == OpCode.MULTI);
    }

    private void authenticate(Connection connection, Connection.PendingReply reply, ZkRequest.Auth auth) {
        var id = aclPolicy.authenticate(auth.scheme(), auth.auth());
        if (id == null) {
            reply.complete(ErrorCode.AUTH_FAILED.code(), null, 0);
            reply.closeAfter = true;
            return;
        }
        if (!connection.ids.contains(id)) {
            connection.ids.add(id);
        }
        reply.complete(0, ZkResponse.Empty.INSTANCE, 0);
    }

    private void prepareWrite(Connection connection, Connection.PendingReply reply, ZkRequest request) {
        if (notLeading(connection)) {
            return;
        }
        Prepared prepared = preparer.prepare(request, connection.sessionId, connection.ids, nextZxid, nowMillis);
        if (prepared instanceof Prepared.Accepted accepted) {
            nextZxid++;
            propose(accepted.txn().toBuilder().setCxid(reply.xid).build(), connection, reply);
        } else if (prepared instanceof Prepared.Rejected rejected) {
            reply.complete(rejected.error().code(), null, tree.lastProcessedZxid());
        } else {
            reply.complete(0, new ZkResponse.Multi(((Prepared.MultiRejected) prepared).results()), tree.lastProcessedZxid());
        }
    }

    /** Starts closing a session: requested by its client ({@code reply} non-null) or by expiry. */
    void closeSession(long sessionId, Connection connection, Connection.PendingReply reply) {
        closeSession(sessionId, connection, reply, reply == null ? 0 : reply.xid);
    }

    /** {@code cxid} lets a learner match the commit to its client's closeSession request. */
    void closeSession(long sessionId, Connection connection, Connection.PendingReply reply, int cxid) {
        sessions.markClosing(sessionId);
        Txn txn = Txn.newBuilder()
                .setZxid(nextZxid++)
                .setTimeMillis(nowMillis)
                .setSessionId(sessionId)
                .setCxid(cxid)
                .setCloseSession(CloseSessionTxn.getDefaultInstance())
                .build();
        if (reply != null) {
            reply.closeAfter = true;
        }
        propose(txn, connection, reply);
    }

    /**
     * Replicates a transaction: standalone, to the local log (applied when {@link CoreInput.Durable}
     * covers its token); in an ensemble, through the leader's ZAB broadcast (applied on commit).
     */
    void propose(Txn txn, Connection connection, Connection.PendingReply reply) {
        if (reply != null) {
            reply.awaitZxid = txn.getZxid();
            awaitingWrites.put(new WriteKey(txn.getSessionId(), txn.getCxid()), new AwaitingWrite(connection.id, reply));
        }
        if (zab != null) {
            zab.propose(txn);
            return;
        }
        long token = nextToken++;
        inFlight.addLast(new InFlight(txn, token));
        effects.persist(token, new DurableOp.AppendTxn(txn));
    }

    /**
     * A leader handing over to a new epoch takes no new writes: the client's connection is closed
     * and it retries on another member, as with any leader change.
     */
    private boolean notLeading(Connection connection) {
        if (zab == null || zab.canPropose()) {
            return false;
        }
        closeConnection(connection);
        return true;
    }

    private boolean isLearner() {
        return role == Role.FOLLOWING || role == Role.OBSERVING;
    }

    /** Learner: the leader prepares the write; the reply waits for its commit or rejection. */
    private void forward(Connection connection, Connection.PendingReply reply, ForwardedRequest.Builder request) {
        reply.awaitZxid = AWAITING_LEADER;
        awaitingWrites.put(new WriteKey(connection.sessionId, reply.xid), new AwaitingWrite(connection.id, reply));
        for (Id id : connection.ids) {
            request.addAuth(AuthId.newBuilder().setScheme(id.scheme()).setId(id.id()));
        }
        zab.forward(request.setCxid(reply.xid).build());
    }

    private void onUnknownRequest(CoreInput.UnknownRequest input) {
        Connection connection = connections.get(input.connectionId());
        if (connection == null || connection.closed) {
            return;
        }
        LOG.warn("Unknown opcode {} from /{}:{}; closing the connection", input.opCode(), connection.remoteHost,
                connection.remotePort);
        Connection.PendingReply reply = new Connection.PendingReply(input.xid(), input.opCode(), null, nowMillis);
        reply.complete(ErrorCode.UNIMPLEMENTED.code(), null, tree.lastProcessedZxid());
        reply.closeAfter = true;
        connection.queue.add(reply);
        drain(connection);
    }

    private void onDisconnected(long connectionId) {
        Connection connection = connections.get(connectionId);
        if (connection != null) {
            forget(connection);
        }
    }

    private void onTick() {
        // Only the replica that decides may expire sessions and clean up: the standalone server or an established leader.
        if (zab != null && !zab.canPropose()) {
            return;
        }
        for (long sessionId : sessions.expire(nowMillis)) {
            SessionTracker.Session session = sessions.get(sessionId);
            LOG.info("Expiring session 0x{}, timeout of {}ms exceeded", Long.toHexString(sessionId), session.timeoutMillis());
            Connection owner = connectionBySession.get(sessionId);
            if (owner != null) {
                closeConnection(owner);
            }
            closeSession(sessionId, null, null);
        }
        if (nowMillis >= nextCleanupMillis) {
            nextCleanupMillis = nowMillis + settings.containerCheckIntervalMillis();
            for (Txn txn : ContainerCleanup.due(tree, preparer, nextZxid, nowMillis, CLEANUPS_PER_CHECK_MAX)) {
                nextZxid++;
                propose(txn, null, null);
            }
        }
    }

    // ---------------------------------------------------------------- durability and apply

    private void onDurable(long token) {
        while (!inFlight.isEmpty() && inFlight.peekFirst().token <= token) {
            apply(inFlight.pollFirst().txn);
        }
    }

    /** A committed transaction: apply it, and answer the local client that asked for it, if any. */
    void apply(Txn txn) {
        AwaitingWrite waiting = takeAwaitingWrite(txn.getSessionId(), txn.getCxid());
        Connection connection = waiting == null ? null : connections.get(waiting.connectionId());
        applyTxn(txn, connection == null ? null : waiting.reply());
        if (connection != null) {
            drain(connection);
        }
    }

    private void applyTxn(Txn txn, Connection.PendingReply reply) {
        long zxid = txn.getZxid();
        MaterializingListener listener = new MaterializingListener(tree, watches,
                (connectionId, type, path) -> notify(connectionId, type, path, zxid));
        tree.apply(txn, listener);
        List<CoreEffects.SessionWrite> sessionWrites = List.of();
        if (txn.hasCreateSession()) {
            CreateSessionTxn create = txn.getCreateSession();
            sessions.add(txn.getSessionId(), create.getTimeoutMillis(), create.getPassword().toByteArray(), nowMillis);
            sessionWrites = List.of(new CoreEffects.SessionWrite(txn.getSessionId(), StoredSession.newBuilder()
                    .setSessionId(txn.getSessionId()).setTimeoutMillis(create.getTimeoutMillis())
                    .setPassword(create.getPassword()).build()));
        } else if (txn.hasCloseSession()) {
            sessions.remove(txn.getSessionId());
            connectionBySession.remove(txn.getSessionId());
            sessionWrites = List.of(new CoreEffects.SessionWrite(txn.getSessionId(), null));
        }
        effects.materialize(zxid, listener.nodeWrites(), sessionWrites);
        preparer.appliedUpTo(zxid);
        if (reply != null) {
            reply.complete(0, WriteReplies.build(reply.request, txn, listener), zxid);
        }
    }

    private void notify(long connectionId, int eventType, String path, long zxid) {
        Connection connection = connections.get(connectionId);
        if (connection != null && !connection.closed) {
            effects.sendNotification(connectionId, zxid, new WatcherEvent(eventType, Watches.STATE_SYNC_CONNECTED, path));
        }
    }

    // ---------------------------------------------------------------- replies in order

    /** Sends every reply at the head of the queue that is ready, evaluating reads as they reach it. */
    void drain(Connection connection) {
        while (!connection.closed && !connection.queue.isEmpty()) {
            Connection.PendingReply head = connection.queue.peekFirst();
            if (!head.ready) {
                if (head.awaitZxid != 0) {
                    return;
                }
                ReadRequests.Answer answer = reads.answer(head.request, connection, notifier);
                head.complete(answer.err(), answer.body(), tree.lastProcessedZxid());
            }
            connection.queue.pollFirst();
            send(connection, head);
            if (head.closeAfter) {
                closeConnection(connection);
            }
        }
    }

    private void send(Connection connection, Connection.PendingReply reply) {
        if (reply.connectResponse != null) {
            effects.sendConnectResponse(connection.id, reply.connectResponse);
            return;
        }
        effects.sendReply(connection.id, reply.xid, reply.zxid, reply.err, reply.err == 0 ? reply.body : null);
        connection.responsesSent++;
        connection.lastZxid = reply.zxid;
        connection.lastResponseMillis = nowMillis;
        long latency = nowMillis - reply.receivedAtMillis;
        connection.recordLatency(latency);
        stats.recordLatency(latency);
    }

    /** Closes from the server side: the client is told nothing more, its watches go, its session stays. */
    void closeConnection(Connection connection) {
        effects.closeConnection(connection.id);
        forget(connection);
    }

    private void forget(Connection connection) {
        connection.closed = true;
        connection.queue.clear();
        connections.remove(connection.id);
        watches.removeConnection(connection.id);
        if (connectionBySession.get(connection.sessionId) == connection) {
            connectionBySession.remove(connection.sessionId);
        }
    }
}
