package zoolog.protocol.coordclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import zoolog.protocol.zk.ConnectRequest;
import zoolog.protocol.zk.DecodedRequest;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.Xid;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * The session state machine against a {@link FakeServer} that misbehaves on cue: the handshake
 * fields of a resumed session, unknown outcomes on a dropped connection, setWatches before queued
 * requests, expiry, out-of-order replies and the bound on pending requests.
 */
class ClientSessionTest {

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final byte[] PASSWORD = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final Stat STAT = new Stat(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);

    private FakeServer server;
    private CoordClient client;
    private final States states = new States();

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = CoordClient.start(server.connectString(), TIMEOUT_MILLIS);
        client.addConnectionStateListener(states);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        client.close();
    }

    @Test
    void droppedConnectionFailsInFlightRequestsAndResumesTheSessionWithItsWatches() throws Exception {
        FakeServer.Connection first = handshake(0x42);
        Events watch = new Events();
        CompletableFuture<NodeData> watched = client.getData("/w", watch);
        DecodedRequest getData = first.readRequest();
        first.reply(getData.xid(), 7, 0, new ZkResponse.GetData(new byte[0], STAT));
        CoordClientContract.await(watched);

        CompletableFuture<Void> unknown = client.delete("/x", Ops.ANY_VERSION);
        first.readRequest();
        first.close();
        assertEquals(ErrorCode.CONNECTION_LOSS, CoordClientContract.failure(unknown).code());
        states.await(ConnectionState.SUSPENDED);

        CompletableFuture<Void> queued = client.delete("/y", Ops.ANY_VERSION);
        FakeServer.Connection second = server.accept();
        ConnectRequest resume = second.readConnect();
        assertEquals(0x42, resume.sessionId());
        assertArrayEquals(PASSWORD, resume.password());
        assertEquals(7, resume.lastZxidSeen(), "the handshake carries the last zxid the client saw");
        second.acceptSession(0x42, TIMEOUT_MILLIS, PASSWORD);
        states.await(ConnectionState.RECONNECTED);

        DecodedRequest setWatches = second.readRequest();
        assertEquals(Xid.SET_WATCHES, setWatches.xid(), "watches are restored before queued requests");
        ZkRequest.SetWatches restored = assertInstanceOf(ZkRequest.SetWatches.class, setWatches.request());
        assertEquals(List.of("/w"), restored.dataWatches());
        assertEquals(7, restored.relativeZxid());
        DecodedRequest delete = second.readRequest();
        assertEquals(new ZkRequest.Delete("/y", -1), delete.request());
        second.reply(Xid.SET_WATCHES, 8, 0, ZkResponse.Empty.INSTANCE);
        second.reply(delete.xid(), 8, 0, ZkResponse.Empty.INSTANCE);
        CoordClientContract.await(queued);
    }

    @Test
    void anExpiredSessionStopsTheClient() throws Exception {
        handshake(0x43).close();
        FakeServer.Connection second = server.accept();
        second.readConnect();
        second.acceptSession(0, 0, new byte[16]);
        states.await(ConnectionState.EXPIRED);
        assertEquals(ErrorCode.SESSION_EXPIRED, CoordClientContract.failure(client.sync("/")).code());
    }

    @Test
    void aReplyOutOfOrderDropsTheConnection() throws Exception {
        FakeServer.Connection connection = handshake(0x44);
        CompletableFuture<Void> sync = client.sync("/");
        DecodedRequest request = connection.readRequest();
        connection.reply(request.xid() + 1, 1, 0, new ZkResponse.Sync("/"));
        assertEquals(ErrorCode.CONNECTION_LOSS, CoordClientContract.failure(sync).code());
        states.await(ConnectionState.SUSPENDED);
    }

    @Test
    void pendingRequestsAreBounded() throws Exception {
        FakeServer.Connection connection = handshake(0x45);
        List<CompletableFuture<Void>> silent = new ArrayList<>();
        for (int i = 0; i < ClientSession.PENDING_REQUESTS_MAX; i++) {
            silent.add(client.sync("/"));
        }
        assertEquals(ErrorCode.THROTTLED_OP, CoordClientContract.failure(client.sync("/")).code());
        DecodedRequest first = connection.readRequest();
        assertEquals(OpCode.SYNC, first.opCode());
        assertTrue(silent.stream().noneMatch(CompletableFuture::isDone));
    }

    private FakeServer.Connection handshake(long sessionId) throws Exception {
        FakeServer.Connection connection = server.accept();
        ConnectRequest request = connection.readConnect();
        assertEquals(TIMEOUT_MILLIS, request.timeoutMillis());
        connection.acceptSession(sessionId, TIMEOUT_MILLIS, PASSWORD);
        CoordClientContract.await(client.connected());
        return connection;
    }
}
