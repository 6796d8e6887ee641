package zoolog.coord.core;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.session.SessionTracker;
import zoolog.protocol.peer.ForwardedRequest;
import zoolog.protocol.txn.CreateSessionTxn;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.OpCode;

/**
 * The second half of a client's handshake, once {@link CoordCore} has accepted the connection: a
 * new session (id and password chosen here, created by a replicated createSession, forwarded to
 * the leader by a learner) or the resumption of an existing one (checked against the sessions
 * every member knows). Owned by the core thread.
 */
final class Handshakes {

    private static final int PASSWORD_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(Handshakes.class);

    private final CoordCore core;
    private final RandomGenerator random;
    private long nextSessionId;

    Handshakes(CoordCore core, RandomGenerator random, long serverId, long startMillis) {
        this.core = core;
        this.random = random;
        // ZooKeeper's scheme: server id in the top byte, then milliseconds, so ids stay unique across restarts.
        this.nextSessionId = ((startMillis << 24) >>> 8) | (serverId << 56);
    }

    void startNewSession(Connection connection, Connection.PendingReply handshake, int timeout, boolean readOnlyPresent) {
        long sessionId = nextSessionId++;
        byte[] password = new byte[PASSWORD_BYTES];
        random.nextBytes(password);
        connection.sessionId = sessionId;
        core.connectionBySession.put(sessionId, connection);
        handshake.connectResponse = new ConnectResponse(0, timeout, sessionId, password, false, readOnlyPresent);
        if (core.isLearner()) {
            core.forward(connection, handshake, ForwardedRequest.newBuilder().setSessionId(sessionId)
                    .setOpCode(OpCode.CREATE_SESSION).setTimeoutMillis(timeout).setPassword(ByteString.copyFrom(password)));
            return;
        }
        if (core.notLeading(connection)) {
            return;
        }
        Txn txn = Txn.newBuilder()
                .setZxid(core.nextZxid++)
                .setTimeMillis(core.nowMillis)
                .setSessionId(sessionId)
                .setCreateSession(CreateSessionTxn.newBuilder().setTimeoutMillis(timeout).setPassword(ByteString.copyFrom(password)))
                .build();
        core.propose(txn, connection, handshake);
    }

    void resumeSession(Connection connection, Connection.PendingReply handshake, ConnectRequest request, int timeout) {
        SessionTracker.Session session = core.sessions.get(request.sessionId());
        boolean valid = session != null && !session.isClosing()
                && Arrays.equals(session.password(), request.password());
        if (!valid) {
            LOG.info("Invalid session 0x{} for client /{}:{}, probably expired", Long.toHexString(request.sessionId()),
                    connection.remoteHost, connection.remotePort);
            handshake.connectResponse = new ConnectResponse(0, 0, 0, new byte[PASSWORD_BYTES], false, request.readOnlyPresent());
            handshake.closeAfter = true;
            handshake.complete(0, null, core.tree.lastProcessedZxid());
            return;
        }
        Connection previous = core.connectionBySession.get(session.id());
        if (previous != null && previous != connection) {
            core.closeConnection(previous);
        }
        connection.sessionId = session.id();
        core.connectionBySession.put(session.id(), connection);
        core.sessions.setTimeout(session.id(), timeout, core.nowMillis);
        handshake.connectResponse = new ConnectResponse(0, timeout, session.id(), session.password(), false,
                request.readOnlyPresent());
        handshake.complete(0, null, core.tree.lastProcessedZxid());
    }
}
