package zoolog.coord.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.Id;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The core's record of one client connection: its session, its identities (an implicit
 * {@code ip:} one plus whatever {@code addauth} added), statistics for {@code cons}, and the
 * queue that keeps its replies in request order. A write's reply waits in the queue until its
 * transaction is applied; a read queued behind it is only evaluated when it reaches the head,
 * so it sees the session's own earlier writes. Owned by the core thread.
 */
final class Connection {

    /** One request awaiting its reply, in arrival order. */
    static final class PendingReply {
        final int xid;
        final int opCode;
        /** The request for reads (evaluated at the head) and writes (to shape the reply); null for the handshake. */
        final ZkRequest request;
        final long receivedAtMillis;
        /** Non-zero while waiting for this transaction to be applied. */
        long awaitZxid;
        boolean ready;
        int err;
        ZkResponse body;
        long zxid;
        ConnectResponse connectResponse;
        /** Close the connection once this reply is sent (closeSession, expired handshake, auth failure). */
        boolean closeAfter;

        PendingReply(int xid, int opCode, ZkRequest request, long receivedAtMillis) {
            this.xid = xid;
            this.opCode = opCode;
            this.request = request;
            this.receivedAtMillis = receivedAtMillis;
        }

        void complete(int err, ZkResponse body, long zxid) {
            this.ready = true;
            this.err = err;
            this.body = body;
            this.zxid = zxid;
            this.awaitZxid = 0;
        }
    }

    final long id;
    final String remoteHost;
    final int remotePort;
    final long establishedMillis;
    final List<Id> ids = new ArrayList<>(2);
    final ArrayDeque<PendingReply> queue = new ArrayDeque<>();
    long sessionId;
    int timeoutMillis;
    boolean closed;

    long requestsReceived;
    long responsesSent;
    String lastOperation = "NA";
    long lastCxid = -1;
    long lastZxid = -1;
    long lastResponseMillis;
    long latencyMinMillis = Long.MAX_VALUE;
    long latencyMaxMillis;
    long latencyTotalMillis;
    long latencyCount;
    long lastLatencyMillis;

    Connection(long id, String remoteHost, int remotePort, long establishedMillis) {
        this.id = id;
        this.remoteHost = remoteHost;
        this.remotePort = remotePort;
        this.establishedMillis = establishedMillis;
        ids.add(new Id("ip", remoteHost));
    }

    void recordLatency(long millis) {
        lastLatencyMillis = millis;
        latencyMinMillis = Math.min(latencyMinMillis, millis);
        latencyMaxMillis = Math.max(latencyMaxMillis, millis);
        latencyTotalMillis += millis;
        latencyCount++;
    }

    void resetStats() {
        requestsReceived = 0;
        responsesSent = 0;
        latencyMinMillis = Long.MAX_VALUE;
        latencyMaxMillis = 0;
        latencyTotalMillis = 0;
        latencyCount = 0;
        lastLatencyMillis = 0;
    }

    CoreView.ConnectionInfo info() {
        return new CoreView.ConnectionInfo(id, sessionId, timeoutMillis, queue.size(), requestsReceived,
                responsesSent, lastOperation, lastCxid, lastZxid, lastResponseMillis, establishedMillis,
                latencyCount == 0 ? 0 : latencyMinMillis, latencyCount == 0 ? 0 : latencyTotalMillis / latencyCount,
                latencyMaxMillis, lastLatencyMillis);
    }
}
