package zoolog.coord.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import zoolog.protocol.zk.ZkResponse;

/**
 * Replies that wait for something other than their turn in the connection's queue: writes
 * waiting for their transaction to be applied (matched by session and xid, because on a learner
 * the transaction comes back from the leader), and rejections waiting until every write prepared
 * before them is applied. Owned by the core thread.
 */
final class AwaitingReplies {

    record Waiting(long connectionId, Connection.PendingReply reply) {}

    private record WriteKey(long sessionId, int cxid) {}

    private record Rejection(long afterZxid, long connectionId, Connection.PendingReply reply, int err, ZkResponse body) {}

    private final Map<WriteKey, Waiting> writes = new HashMap<>();
    private final ArrayDeque<Rejection> rejections = new ArrayDeque<>();

    void awaitWrite(long sessionId, int cxid, long connectionId, Connection.PendingReply reply) {
        writes.put(new WriteKey(sessionId, cxid), new Waiting(connectionId, reply));
    }

    /** The reply waiting for the write of {@code sessionId}/{@code cxid}, removed; null if none. */
    Waiting takeWrite(long sessionId, int cxid) {
        return writes.remove(new WriteKey(sessionId, cxid));
    }

    void deferRejection(long afterZxid, long connectionId, Connection.PendingReply reply, int err, ZkResponse body) {
        reply.awaitZxid = afterZxid;
        rejections.addLast(new Rejection(afterZxid, connectionId, reply, err, body));
    }

    /** Completes the rejections whose wait ended at {@code appliedZxid}; returns their connections. */
    List<Long> releaseRejections(long appliedZxid) {
        List<Long> released = new ArrayList<>();
        while (!rejections.isEmpty() && rejections.peekFirst().afterZxid() <= appliedZxid) {
            Rejection rejection = rejections.pollFirst();
            rejection.reply().complete(rejection.err(), rejection.body(), appliedZxid);
            released.add(rejection.connectionId());
        }
        return released;
    }

    void clear() {
        writes.clear();
        rejections.clear();
    }
}
