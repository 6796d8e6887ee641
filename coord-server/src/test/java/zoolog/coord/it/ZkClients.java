package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens official-client and Curator sessions against the test server and closes every one of them
 * when its test ends, so tests stay independent. Also offers {@link #awaitEventThread}, the ordering
 * barrier most watch assertions rely on. Used from the JUnit thread of one test.
 */
public final class ZkClients implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** Requested by default; inside the default server's [4 s, 40 s] range, so granted unchanged. */
    public static final int SESSION_TIMEOUT_MILLIS_DEFAULT = 30_000;
    public static final long CONNECT_WAIT_SECONDS = 20;
    private static final int CLOSE_WAIT_MILLIS = 10_000;
    /** More clients than any one test opens; beyond it a test is leaking clients. */
    public static final int CLIENTS_MAX = 64;

    private final TestServer server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    ZkClients(TestServer server) {
        this.server = server;
    }

    /** A connected session with the default timeout; its watcher is discarded. */
    public ZooKeeper connect() throws Exception {
        return connect(new RecordingWatcher());
    }

    /** A connected session whose default watcher is {@code watcher}. */
    public ZooKeeper connect(RecordingWatcher watcher) throws Exception {
        return connect(server.connectString(), SESSION_TIMEOUT_MILLIS_DEFAULT, watcher);
    }

    /**
     * A session over {@code connectString} (the server, or a {@link TcpProxy} in front of it),
     * returned once connected; the SyncConnected event is consumed from {@code watcher}.
     */
    public ZooKeeper connect(String connectString, int sessionTimeoutMillis, RecordingWatcher watcher) throws Exception {
        ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMillis, watcher);
        register(zk);
        watcher.awaitState(KeeperState.SyncConnected);
        return zk;
    }

    /** A connected {@link RawZooKeeper}, for requests the official client would refuse to send. */
    public RawZooKeeper connectRaw() throws Exception {
        RecordingWatcher watcher = new RecordingWatcher();
        RawZooKeeper zk = new RawZooKeeper(server.connectString(), SESSION_TIMEOUT_MILLIS_DEFAULT, watcher);
        register(zk);
        watcher.awaitState(KeeperState.SyncConnected);
        return zk;
    }

    /**
     * A second handle on an existing session (same id and password), as a client does when it moves
     * to another server. Not waited for: the outcome (SyncConnected or Expired) is what tests check.
     */
    public ZooKeeper attach(long sessionId, byte[] password, RecordingWatcher watcher) throws Exception {
        ZooKeeper zk = new ZooKeeper(server.connectString(), SESSION_TIMEOUT_MILLIS_DEFAULT, watcher, sessionId, password);
        register(zk);
        return zk;
    }

    /** A started and connected Curator client with a short retry back-off. */
    public CuratorFramework curator() throws InterruptedException {
        return curator(server.connectString(), SESSION_TIMEOUT_MILLIS_DEFAULT);
    }

    /**
     * A started and connected Curator client over {@code connectString} (the server, or a
     * {@link TcpProxy} in front of it) asking for {@code sessionTimeoutMillis}.
     */
    public CuratorFramework curator(String connectString, int sessionTimeoutMillis) throws InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMillis)
                .connectionTimeoutMs((int) TimeUnit.SECONDS.toMillis(CONNECT_WAIT_SECONDS))
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build();
        register(curator);
        curator.start();
        assertTrue(curator.blockUntilConnected((int) CONNECT_WAIT_SECONDS, TimeUnit.SECONDS), "Curator did not connect");
        return curator;
    }

    /** Closes a client opened here now instead of at the end of the test. */
    public void closeNow(AutoCloseable client) throws Exception {
        opened.remove(client);
        closeOne(client);
    }

    private void register(AutoCloseable client) {
        if (opened.size() >= CLIENTS_MAX) {
            closeOne(client);
            fail("a test opened more than " + CLIENTS_MAX + " clients");
        }
        opened.push(client);
    }

    /**
     * Returns once the client's event thread has delivered everything it had received before this
     * call. The server sends a watch event before the reply of any later request on the same
     * session, and the client hands events and async callbacks to one event thread in arrival
     * order; so when the callback of a request issued now runs, every earlier event has run too.
     */
    public static void awaitEventThread(ZooKeeper zk) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        zk.exists("/", false, (rc, path, ctx, stat) -> done.countDown(), null);
        if (!done.await(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("event thread barrier did not complete within " + CONNECT_WAIT_SECONDS + " s");
        }
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            closeOne(opened.pop());
        }
    }

    private static void closeOne(AutoCloseable client) {
        try {
            if (client instanceof ZooKeeper zk) {
                zk.close(CLOSE_WAIT_MILLIS);
            } else {
                client.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Closing a session the test already expired or whose server it stopped may fail;
            // the test's own assertions have run by now, so this is only cleanup.
        }
    }
}
