package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static zoolog.coord.it.ZkAssertions.assertThrowsCode;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Session lifecycle as locks and leader election depend on it: the negotiated timeout, ephemerals
 * vanishing on close and on server-side expiry, moving a session to a new connection with its id
 * and password, and Expired for a wrong password. A 500 ms tick gives a 1 s minimum session
 * timeout, so real expiry happens within about two seconds.
 *
 * <p>Expiry is produced for real: the client talks through a {@link TcpProxy}, which is frozen so
 * the server stops hearing from it and expires the session by its own clock. The client-side
 * {@code getTestable().injectSessionExpiration()} would only pretend: the server would keep the
 * session and its ephemerals alive.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
@WithServerConfig(tickTimeMillis = SessionIT.TICK_TIME_MILLIS)
class SessionIT {

    static final int TICK_TIME_MILLIS = 500;

    @Test
    void negotiatedTimeoutIsClampedBetweenTwoAndTwentyTicks(TestServer server, ZkClients clients) throws Exception {
        int min = server.config().effectiveMinSessionTimeoutMillis();
        int max = server.config().effectiveMaxSessionTimeoutMillis();
        assertEquals(2 * TICK_TIME_MILLIS, min);
        assertEquals(20 * TICK_TIME_MILLIS, max);

        // Until the server answers, the client uses the requested timeout for its own connect and
        // read timeouts, so asking for far less than the minimum would only make connecting flaky.
        assertEquals(min, clients.connect(server.connectString(), min / 2, new RecordingWatcher()).getSessionTimeout());
        assertEquals(max, clients.connect(server.connectString(), 3_600_000, new RecordingWatcher()).getSessionTimeout());
        assertEquals(3_000, clients.connect(server.connectString(), 3_000, new RecordingWatcher()).getSessionTimeout());
    }

    @Test
    void ephemeralsAreDeletedWhenTheSessionCloses(ZkClients clients) throws Exception {
        RecordingWatcher observer = new RecordingWatcher();
        ZooKeeper owner = clients.connect();
        ZooKeeper watcherSession = clients.connect(observer);
        String path = UniquePaths.unique("close-eph");
        owner.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        assertNotNull(watcherSession.exists(path, true));

        clients.closeNow(owner);
        // close() returns after the server answered closeSession, so the node is already gone.
        assertNull(watcherSession.exists(path, false));
        observer.nextNodeEvent(EventType.NodeDeleted, path);
    }

    @Test
    void serverExpiresASilentSessionAndDeletesItsEphemerals(TestServer server, ZkClients clients) throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.clientPort())) {
            RecordingWatcher ownerEvents = new RecordingWatcher();
            RecordingWatcher observer = new RecordingWatcher();
            int minTimeout = server.config().effectiveMinSessionTimeoutMillis();
            ZooKeeper owner = clients.connect(proxy.connectString(), minTimeout, ownerEvents);
            ZooKeeper watcherSession = clients.connect(observer);
            String path = UniquePaths.unique("expire-eph");
            owner.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            watcherSession.exists(path, true);

            proxy.freeze();
            ownerEvents.awaitState(KeeperState.Disconnected);
            observer.nextNodeEvent(EventType.NodeDeleted, path);
            assertNull(watcherSession.exists(path, false));

            // When it can reach the server again the client learns its session is gone.
            proxy.thaw();
            ownerEvents.awaitState(KeeperState.Expired);
            assertThrowsCode(Code.SESSIONEXPIRED, () -> owner.exists("/", false));
        }
    }

    @Test
    void sessionMovesToANewConnectionWithItsIdAndPassword(TestServer server, ZkClients clients) throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.clientPort())) {
            RecordingWatcher ownerEvents = new RecordingWatcher();
            ZooKeeper owner = clients.connect(proxy.connectString(), ZkClients.SESSION_TIMEOUT_MILLIS_DEFAULT, ownerEvents);
            String path = UniquePaths.unique("moved-eph");
            owner.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            proxy.freeze();
            ownerEvents.awaitState(KeeperState.Disconnected);

            RecordingWatcher movedEvents = new RecordingWatcher();
            ZooKeeper moved = clients.attach(owner.getSessionId(), owner.getSessionPasswd(), movedEvents);
            movedEvents.awaitState(KeeperState.SyncConnected);
            assertEquals(owner.getSessionId(), moved.getSessionId());
            assertEquals(owner.getSessionId(), moved.exists(path, false).getEphemeralOwner());
            moved.create(path + "-second", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
            assertEquals(owner.getSessionId(), moved.exists(path + "-second", false).getEphemeralOwner());

            // Closing any handle closes the session itself (Curator's tests kill sessions this way).
            clients.closeNow(moved);
            ZooKeeper observer = clients.connect();
            assertNull(observer.exists(path, false));
            assertNull(observer.exists(path + "-second", false));
            proxy.thaw();
            ownerEvents.awaitState(KeeperState.Expired);
        }
    }

    @Test
    void wrongPasswordOrUnknownSessionIsAnsweredWithExpired(ZkClients clients) throws Exception {
        ZooKeeper owner = clients.connect();
        String path = UniquePaths.unique("password-eph");
        owner.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        byte[] wrongPassword = owner.getSessionPasswd().clone();
        wrongPassword[0] ^= 0x5a;

        RecordingWatcher wrong = new RecordingWatcher();
        clients.attach(owner.getSessionId(), wrongPassword, wrong);
        wrong.awaitState(KeeperState.Expired);

        RecordingWatcher unknown = new RecordingWatcher();
        clients.attach(0x7e57_0000_0000_0001L, new byte[16], unknown);
        unknown.awaitState(KeeperState.Expired);

        // The real session survives the failed attempt. (Apache ZooKeeper drops the owner's current
        // connection before it checks the password, so the owner briefly reconnects; a server need
        // not copy that, only keep the session.)
        ZooKeeper observer = clients.connect();
        assertEquals(owner.getSessionId(), observer.exists(path, false).getEphemeralOwner());
    }
}
