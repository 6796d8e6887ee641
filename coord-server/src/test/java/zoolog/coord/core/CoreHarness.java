package zoolog.coord.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.Txn;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.ConnectResponse;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.WatcherEvent;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Drives a {@link CoordCore} in tests with virtual time and a recording {@link CoreEffects}:
 * every output is appended to {@link #outputs} in the order the core produced it, and
 * {@link #persistAll()} plays the store by acknowledging everything proposed so far.
 */
final class CoreHarness implements CoreEffects {

    sealed interface Output {}

    record Connected(long connectionId, ConnectResponse response) implements Output {}

    record Reply(long connectionId, int xid, long zxid, int err, ZkResponse body) implements Output {}

    record Notification(long connectionId, long zxid, WatcherEvent event) implements Output {}

    record Closed(long connectionId) implements Output {}

    static final int SESSION_TIMEOUT_MILLIS = 10_000;
    static final CoordCore.Settings SETTINGS = new CoordCore.Settings(2000, 4000, 40000, 1, true, null, 60_000);

    final List<Output> outputs = new ArrayList<>();
    final List<Txn> logged = new ArrayList<>();
    /** The token of the last op the core asked to persist; 0 before the first. */
    long lastToken;
    final List<Long> materialized = new ArrayList<>();
    final CoordCore core;
    long nowMillis = 1_000_000;
    private int nextXid = 1;

    CoreHarness() {
        core = new CoordCore(SETTINGS, this, new SplittableRandom(42), nowMillis);
    }

    void step(CoreInput input) {
        core.step(nowMillis, input);
    }

    void advance(long millis) {
        nowMillis += millis;
        step(new CoreInput.Tick());
    }

    /** Lets time pass in one-second ticks while the given connections keep their sessions alive with pings. */
    void advanceKeepingAlive(long millis, long... connectionIds) {
        for (long elapsed = 0; elapsed < millis; elapsed += 1000) {
            for (long connectionId : connectionIds) {
                step(new CoreInput.Request(connectionId, -2, new ZkRequest.Ping()));
            }
            advance(1000);
            persistAll();
        }
    }

    void persistAll() {
        if (lastToken > 0) {
            step(new CoreInput.Durable(lastToken));
        }
    }

    /** Opens a connection with a new session and returns its session id. */
    long connect(long connectionId) {
        step(new CoreInput.Connect(connectionId, "127.0.0.1", 40000 + (int) connectionId,
                new ConnectRequest(0, 0, SESSION_TIMEOUT_MILLIS, 0, new byte[16], false, true)));
        persistAll();
        return lastConnected(connectionId).response().sessionId();
    }

    Connected lastConnected(long connectionId) {
        for (int i = outputs.size() - 1; i >= 0; i--) {
            if (outputs.get(i) instanceof Connected c && c.connectionId == connectionId) {
                return c;
            }
        }
        throw new AssertionError("no connect response for connection " + connectionId);
    }

    /** Sends a request, lets the store persist everything, and returns its reply. */
    Reply call(long connectionId, ZkRequest request) {
        int xid = send(connectionId, request);
        persistAll();
        return replyTo(connectionId, xid);
    }

    int send(long connectionId, ZkRequest request) {
        int xid = nextXid++;
        step(new CoreInput.Request(connectionId, xid, request));
        return xid;
    }

    Reply replyTo(long connectionId, int xid) {
        for (Output output : outputs) {
            if (output instanceof Reply r && r.connectionId == connectionId && r.xid == xid) {
                return r;
            }
        }
        return null;
    }

    static ZkRequest.Create create(String path, String data, CreateMode mode) {
        return new ZkRequest.Create(OpCode.CREATE, path, data == null ? null : data.getBytes(), Acl.OPEN_ACL_UNSAFE,
                mode.flag(), -1);
    }

    @Override
    public void sendConnectResponse(long connectionId, ConnectResponse response) {
        outputs.add(new Connected(connectionId, response));
    }

    @Override
    public void sendReply(long connectionId, int xid, long zxid, int err, ZkResponse body) {
        outputs.add(new Reply(connectionId, xid, zxid, err, body));
    }

    @Override
    public void sendNotification(long connectionId, long zxid, WatcherEvent event) {
        outputs.add(new Notification(connectionId, zxid, event));
    }

    @Override
    public void closeConnection(long connectionId) {
        outputs.add(new Closed(connectionId));
    }

    @Override
    public void persist(long token, DurableOp op) {
        if (token <= lastToken) {
            throw new AssertionError("token " + token + " after " + lastToken + ": tokens must increase");
        }
        lastToken = token;
        logged.add(((DurableOp.AppendTxn) op).txn());
    }

    @Override
    public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) {
        materialized.add(zxid);
    }
}
