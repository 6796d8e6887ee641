package zoolog.protocol.coordclient;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * What {@link CoordClient} promises, as scenarios any ZooKeeper-compatible ensemble must pass:
 * CRUD with versions, sequential and ephemeral nodes, multi, one-shot watches, FIFO order, session
 * resumption on another (or a restarted) member with watches re-registered, and expiry. Subclasses
 * bring the ensemble: Apache ZooKeeper here, Zoolog in coord-server's {@code CoordClientIT}. Each
 * test works under its own path and closes the clients it opened.
 */
public abstract class CoordClientContract {

    /** Session timeout the tests ask for; servers bound it by their own min/max. */
    protected static final int SESSION_TIMEOUT_MILLIS = 10_000;

    private final List<CoordClient> clients = new ArrayList<>();
    private String base;

    /** The connect string of the ensemble under test. */
    protected abstract String connectString();

    /**
     * Takes away the member at {@code server} (the one a client is connected to): either stops it
     * for good, leaving the rest of the ensemble serving, or restarts it on the same port and data.
     * Either way, sessions must survive on whatever serves next.
     */
    protected abstract void loseServer(InetSocketAddress server) throws Exception;

    @BeforeEach
    void createBase(TestInfo test) throws Exception {
        base = "/coordclient-" + test.getTestMethod().orElseThrow().getName();
        CoordClient setup = connect();
        if (setup.exists(base).get().isEmpty()) {
            await(setup.create(base, null, CreateMode.PERSISTENT));
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(CoordClient::close);
    }

    @Test
    void createReadUpdateDeleteWithVersions() throws Exception {
        CoordClient client = connect();
        String path = base + "/node";
        assertEquals(path, await(client.create(path, bytes("v0"), CreateMode.PERSISTENT)));
        assertEquals(ErrorCode.NODE_EXISTS, failure(client.create(path, null, CreateMode.PERSISTENT)).code());

        NodeData read = await(client.getData(path));
        assertArrayEquals(bytes("v0"), read.data());
        assertEquals(0, read.stat().version());

        assertEquals(1, await(client.setData(path, bytes("v1"), 0)).version());
        assertEquals(ErrorCode.BAD_VERSION, failure(client.setData(path, bytes("stale"), 0)).code());
        assertEquals(ErrorCode.BAD_VERSION, failure(client.delete(path, 0)).code());
        assertEquals(List.of("node"), await(client.getChildren(base)));

        await(client.delete(path, 1));
        assertEquals(Optional.empty(), await(client.exists(path)));
        CoordException missing = failure(client.getData(path));
        assertEquals(ErrorCode.NO_NODE, missing.code());
        assertEquals(path, missing.path());
        await(client.sync(base));
    }

    @Test
    void sequentialNodesCountUpAndEphemeralsGoWithTheirSession() throws Exception {
        CoordClient owner = connect();
        String first = await(owner.create(base + "/seq-", null, CreateMode.PERSISTENT_SEQUENTIAL));
        String second = await(owner.create(base + "/seq-", null, CreateMode.EPHEMERAL_SEQUENTIAL));
        assertTrue(first.matches(".*/seq-\\d{10}"), first);
        assertTrue(second.compareTo(first) > 0, first + " then " + second);

        String ephemeral = await(owner.create(base + "/eph", bytes("owned"), CreateMode.EPHEMERAL));
        Stat stat = await(owner.exists(ephemeral)).orElseThrow();
        assertEquals(owner.sessionId(), stat.ephemeralOwner());
        assertEquals(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS,
                failure(owner.create(ephemeral + "/child", null, CreateMode.PERSISTENT)).code());

        CoordClient observer = connect();
        owner.close();
        assertEquals(Optional.empty(), await(observer.exists(ephemeral)), "closing the session deletes its ephemerals");
        assertEquals(Optional.empty(), await(observer.exists(second)));
        assertTrue(await(observer.exists(first)).isPresent());
    }

    @Test
    void multiAppliesAllOpsOrNone() throws Exception {
        CoordClient client = connect();
        String parent = base + "/parent";
        List<ZkResponse.OpResult> results = await(client.multi(List.of(
                Ops.create(parent, bytes("p"), CreateMode.PERSISTENT),
                Ops.create(parent + "/child", null, CreateMode.PERSISTENT),
                Ops.setData(parent, bytes("p2"), 0),
                Ops.check(parent, 1))));
        assertEquals(4, results.size());
        assertInstanceOf(ZkResponse.OpResult.Create.class, results.get(0));
        assertEquals(1, assertInstanceOf(ZkResponse.OpResult.SetData.class, results.get(2)).stat().version());
        assertInstanceOf(ZkResponse.OpResult.Check.class, results.get(3));

        CoordException failed = failure(client.multi(List.<ZkRequest>of(
                Ops.create(base + "/never", null, CreateMode.PERSISTENT),
                Ops.delete(parent, Ops.ANY_VERSION))));
        assertEquals(ErrorCode.NOT_EMPTY, failed.code());
        assertEquals(2, failed.results().size());
        assertEquals(Optional.empty(), await(client.exists(base + "/never")), "a failed multi applies nothing");
        assertArrayEquals(bytes("p2"), await(client.getData(parent)).data());
    }

    @Test
    void watchesFireOnceWithTheirEventType() throws Exception {
        CoordClient client = connect();
        CoordClient writer = connect();
        String path = base + "/watched";
        Events data = new Events();
        Events exists = new Events();
        Events children = new Events();

        assertEquals(Optional.empty(), await(client.exists(path, exists)));
        await(writer.create(path, bytes("a"), CreateMode.PERSISTENT));
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_CREATED, path), exists.next());

        await(client.getData(path, data));
        await(client.getChildren(path, children));
        await(writer.setData(path, bytes("b"), Ops.ANY_VERSION));
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_DATA_CHANGED, path), data.next());
        await(writer.setData(path, bytes("c"), Ops.ANY_VERSION));
        await(writer.create(path + "/kid", null, CreateMode.PERSISTENT));
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_CHILDREN_CHANGED, path), children.next());

        // Events reach the callback thread in server order, so by the time a later watch has
        // fired, a second firing of the first one would already have been recorded.
        Events marker = new Events();
        await(client.exists(path + "/kid", marker));
        await(writer.delete(path + "/kid", Ops.ANY_VERSION));
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_DELETED, path + "/kid"), marker.next());
        assertEquals(1, data.count(), "a data watch fires once");
        assertEquals(1, children.count(), "a child watch fires once");
        assertEquals(1, exists.count(), "an exists watch fires once");
    }

    @Test
    void requestsCompleteInSubmissionOrder() throws Exception {
        CoordClient client = connect();
        List<String> completionOrder = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> creates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            creates.add(client.create(base + "/fifo-", null, CreateMode.PERSISTENT_SEQUENTIAL)
                    .whenComplete((path, failure) -> completionOrder.add(path)));
        }
        await(CompletableFuture.allOf(creates.toArray(CompletableFuture[]::new)));
        List<String> submitted = creates.stream().map(CompletableFuture::join).toList();
        assertEquals(submitted, completionOrder);
        assertEquals(submitted.stream().sorted().toList(), submitted, "the server applied them in submission order");
    }

    @Test
    void sessionWatchesAndEphemeralsSurviveLosingTheServer() throws Exception {
        CoordClient client = connect();
        States states = new States();
        client.addConnectionStateListener(states);
        long sessionId = client.sessionId();
        String ephemeral = await(client.create(base + "/eph", null, CreateMode.EPHEMERAL));
        String watched = await(client.create(base + "/watched", bytes("a"), CreateMode.PERSISTENT));
        Events data = new Events();
        Events created = new Events();
        await(client.getData(watched, data));
        await(client.exists(base + "/later", created));

        InetSocketAddress lost = client.server().orElseThrow();
        loseServer(lost);
        states.await(ConnectionState.SUSPENDED);
        states.await(ConnectionState.RECONNECTED);
        assertEquals(sessionId, client.sessionId());
        assertEquals(sessionId, await(client.exists(ephemeral)).orElseThrow().ephemeralOwner());

        CoordClient writer = connect();
        await(writer.setData(watched, bytes("b"), Ops.ANY_VERSION));
        await(writer.create(base + "/later", null, CreateMode.PERSISTENT));
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_DATA_CHANGED, watched), data.next());
        assertEquals(new WatchEvent(WatchEvent.Type.NODE_CREATED, base + "/later"), created.next());
        assertFalse(states.seen().contains(ConnectionState.EXPIRED));
    }

    @Test
    void expirySurfacesAsStateAndErrorsAndStopsTheClient() throws Exception {
        CoordClient client = connect();
        States states = new States();
        client.addConnectionStateListener(states);
        String ephemeral = await(client.create(base + "/eph", null, CreateMode.EPHEMERAL));

        RawSession.close(client.server().orElseThrow(), client.sessionId(), client.sessionPassword());
        states.await(ConnectionState.EXPIRED);
        assertEquals(ConnectionState.EXPIRED, client.state());
        assertEquals(ErrorCode.SESSION_EXPIRED, failure(client.exists(base)).code());
        assertEquals(Optional.empty(), await(connect().exists(ephemeral)));
        assertNotEquals(ConnectionState.RECONNECTED, states.seen().get(states.seen().size() - 1));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A connected client, closed after the test. */
    protected final CoordClient connect() throws Exception {
        CoordClient client = CoordClient.start(connectString(), SESSION_TIMEOUT_MILLIS);
        clients.add(client);
        await(client.connected());
        return client;
    }

    protected static <T> T await(CompletableFuture<T> future) throws Exception {
        return CoordClient.await(future, Deadlines.WAIT_MILLIS);
    }

    protected static CoordException failure(CompletableFuture<?> future) throws Exception {
        try {
            CoordClient.await(future, Deadlines.WAIT_MILLIS);
        } catch (CoordException e) {
            return e;
        }
        throw new AssertionError("expected the request to fail");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
