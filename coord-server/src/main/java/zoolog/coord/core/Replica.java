package zoolog.coord.core;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.ops.Prepared;
import zoolog.coord.session.SessionTracker;
import zoolog.coord.tree.StoredNodes;
import zoolog.coord.zab.ReplicatedState;
import zoolog.coord.zab.Role;
import zoolog.coord.zab.Snapshot;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.peer.AuthId;
import zoolog.protocol.peer.ForwardRejected;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.peer.SyncReply;
import zoolog.protocol.txn.CreateSessionTxn;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.ZkBytes;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The coordination core as ZAB sees it: the tree and sessions ZAB replicates, plus the two
 * halves of request forwarding. On the leader, a learner's forwarded write is prepared exactly
 * like a local one (against the leader's tree and pending changes) and either proposed or sent
 * back rejected; on the learner, the answer completes the waiting client reply. Runs on the core
 * thread, inside {@link CoordCore#step}.
 */
final class Replica implements ReplicatedState {

    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
    /** Largest forwarded request body: the client port's own frame bound (jute.maxbuffer's default). */
    private static final int FORWARDED_REQUEST_BYTES_MAX = 1 << 20;

    private final CoordCore core;

    Replica(CoordCore core) {
        this.core = core;
    }

    @Override
    public long lastAppliedZxid() {
        return core.tree.lastProcessedZxid();
    }

    @Override
    public void apply(Txn txn) {
        core.apply(txn);
    }

    @Override
    public Snapshot snapshot() {
        List<SnapshotNode> nodes = new ArrayList<>(core.tree.nodeCount());
        core.tree.forEachNode((path, node) ->
                nodes.add(SnapshotNode.newBuilder().setPath(path).setNode(StoredNodes.toStored(node)).build()));
        List<StoredSession> sessions = new ArrayList<>(core.sessions.size());
        for (SessionTracker.Session session : core.sessions.all()) {
            sessions.add(StoredSession.newBuilder().setSessionId(session.id()).setTimeoutMillis(session.timeoutMillis())
                    .setPassword(ByteString.copyFrom(session.password())).build());
        }
        return new Snapshot(core.tree.lastProcessedZxid(), nodes, sessions);
    }

    @Override
    public void install(Snapshot snapshot) {
        core.tree.clear();
        for (SnapshotNode node : snapshot.nodes()) {
            core.tree.restore(node.getPath(), StoredNodes.fromStored(node.getNode()));
        }
        core.tree.restoredUpTo(snapshot.zxid());
        core.sessions.clear();
        for (StoredSession session : snapshot.sessions()) {
            core.sessions.add(session.getSessionId(), session.getTimeoutMillis(), session.getPassword().toByteArray(),
                    core.nowMillis);
        }
        core.preparer.forgetPending();
    }

    @Override
    public void roleChanged(Role role, int leaderSid, long nextZxid) {
        core.role = role;
        if (role == Role.LOOKING) {
            for (Connection connection : List.copyOf(core.connections.values())) {
                core.closeConnection(connection);
            }
            core.forgetAwaitingWrites();
            core.preparer.forgetPending();
            core.touchedSessions.clear();
        } else if (role == Role.LEADING) {
            core.nextZxid = nextZxid;
            core.sessions.touchAll(core.nowMillis);
        }
    }

    // ---------------------------------------------------------------- leader side

    @Override
    public void forwarded(int fromSid, ForwardedRequest request) {
        if (!core.zab.canPropose()) {
            // Handing over to a new epoch: the learner loses this leader soon and its client retries.
            return;
        }
        long sessionId = request.getSessionId();
        if (request.getOpCode() == OpCode.CREATE_SESSION) {
            core.propose(Txn.newBuilder().setZxid(core.nextZxid++).setTimeMillis(core.nowMillis).setSessionId(sessionId)
                    .setCreateSession(CreateSessionTxn.newBuilder().setTimeoutMillis(request.getTimeoutMillis())
                            .setPassword(request.getPassword())).build(), null, null);
            return;
        }
        SessionTracker.Session session = core.sessions.get(sessionId);
        if (session == null || session.isClosing()) {
            reject(fromSid, request, ErrorCode.SESSION_EXPIRED.code(), ByteString.EMPTY);
            return;
        }
        core.sessions.touch(sessionId, core.nowMillis);
        ZkRequest decoded;
        try {
            decoded = ZkBytes.decodeRequest(request.getRequest().toByteArray(), FORWARDED_REQUEST_BYTES_MAX).request();
        } catch (JuteException e) {
            LOG.warn("Learner {} forwarded an undecodable request: {}", fromSid, e.getMessage());
            reject(fromSid, request, ErrorCode.MARSHALLING_ERROR.code(), ByteString.EMPTY);
            return;
        }
        if (decoded instanceof ZkRequest.Sync) {
            core.zab.replySync(fromSid, SyncReply.newBuilder().setSessionId(sessionId).setCxid(request.getCxid()).build());
        } else if (decoded instanceof ZkRequest.CloseSession) {
            core.closeSession(sessionId, null, null, request.getCxid());
        } else {
            prepare(fromSid, request, decoded);
        }
    }

    private void prepare(int fromSid, ForwardedRequest request, ZkRequest decoded) {
        List<Id> ids = new ArrayList<>(request.getAuthCount());
        for (AuthId auth : request.getAuthList()) {
            ids.add(new Id(auth.getScheme(), auth.getId()));
        }
        Prepared prepared = core.preparer.prepare(decoded, request.getSessionId(), ids, core.nextZxid, core.nowMillis);
        if (prepared instanceof Prepared.Accepted accepted) {
            core.nextZxid++;
            core.propose(accepted.txn().toBuilder().setCxid(request.getCxid()).build(), null, null);
        } else if (prepared instanceof Prepared.Rejected rejected) {
            reject(fromSid, request, rejected.error().code(), ByteString.EMPTY);
        } else {
            ZkResponse.Multi results = new ZkResponse.Multi(((Prepared.MultiRejected) prepared).results());
            reject(fromSid, request, 0, ByteString.copyFrom(ZkBytes.reply(request.getCxid(), 0, 0, results)));
        }
    }

    private void reject(int fromSid, ForwardedRequest request, int err, ByteString multiResults) {
        core.zab.reject(fromSid, ForwardRejected.newBuilder().setSessionId(request.getSessionId())
                .setCxid(request.getCxid()).setErr(err).setMultiResults(multiResults).build());
    }

    @Override
    public void touchSessions(List<Long> sessionIds) {
        for (long sessionId : sessionIds) {
            core.sessions.touch(sessionId, core.nowMillis);
        }
    }

    // ---------------------------------------------------------------- learner side

    @Override
    public void rejected(ForwardRejected rejection) {
        CoordCore.AwaitingWrite waiting = core.takeAwaitingWrite(rejection.getSessionId(), rejection.getCxid());
        Connection connection = waiting == null ? null : core.connections.get(waiting.connectionId());
        if (connection == null) {
            return;
        }
        long zxid = core.tree.lastProcessedZxid();
        if (rejection.getMultiResults().isEmpty()) {
            waiting.reply().complete(rejection.getErr(), null, zxid);
        } else {
            try {
                ZkResponse body = ZkBytes.decodeReply(rejection.getMultiResults().toByteArray(), OpCode.MULTI).body();
                waiting.reply().complete(0, body, zxid);
            } catch (JuteException e) {
                throw new IllegalStateException("the leader sent undecodable multi results: " + e.getMessage(), e);
            }
        }
        core.drain(connection);
    }

    @Override
    public void syncReplied(SyncReply reply) {
        CoordCore.AwaitingWrite waiting = core.takeAwaitingWrite(reply.getSessionId(), reply.getCxid());
        Connection connection = waiting == null ? null : core.connections.get(waiting.connectionId());
        if (connection != null) {
            // Every commit sent before the reply is applied: the sync is now an ordinary read.
            waiting.reply().awaitZxid = 0;
            core.drain(connection);
        }
    }

    @Override
    public List<Long> takeTouchedSessions() {
        List<Long> touched = List.copyOf(core.touchedSessions);
        core.touchedSessions.clear();
        return touched;
    }
}
