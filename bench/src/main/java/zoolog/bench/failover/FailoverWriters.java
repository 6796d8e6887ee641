package zoolog.bench.failover;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import zoolog.bench.load.LoadFailure;

/**
 * The steady write load of the failover benchmark: a few sessions of the official ZooKeeper client,
 * each connected with every ensemble member in its connect string and each on its own thread issuing
 * one synchronous {@code setData} on its own znode after another, under a fresh {@code /bench-<random>}
 * root. Every success is reported to the {@link WriteClock}; failures are counted by error code. A
 * writer whose session expires opens a new one. The runner's main thread opens and closes the writers;
 * each writer thread owns its session.
 */
final class FailoverWriters implements AutoCloseable {

    /** How long opening the sessions, or one writer's new session, may take. */
    static final long CONNECT_TIMEOUT_MILLIS = 30_000;
    /** A writer pauses this long after a failed write, so a client that fails fast does not spin; it bounds the resolution. */
    static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long closing waits for a writer to finish its current call. */
    static final long STOP_TIMEOUT_MILLIS = 30_000;

    private final String connectString;
    private final int sessionTimeoutMillis;
    private final String root;
    private final byte[] value;
    private final WriteClock clock;
    private final AtomicReferenceArray<ZooKeeper> sessions;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<String, Long> errorsByCode = new TreeMap<>();

    private FailoverWriters(String connectString, int sessionTimeoutMillis, String root, byte[] value, int writers,
            WriteClock clock) {
        this.connectString = connectString;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
        this.root = root;
        this.value = value.clone();
        this.clock = clock;
        this.sessions = new AtomicReferenceArray<>(writers);
    }

    /** Opens {@code writers} sessions, creates the root and one znode per writer, and starts writing. */
    static FailoverWriters start(String connectString, int sessionTimeoutMillis, String root, byte[] value, int writers,
            WriteClock clock) throws LoadFailure, InterruptedException {
        FailoverWriters load = new FailoverWriters(connectString, sessionTimeoutMillis, root, value, writers, clock);
        try {
            for (int i = 0; i < writers; i++) {
                load.sessions.set(i, load.open());
            }
            ZooKeeper first = load.sessions.get(0);
            first.create(root, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            for (int i = 0; i < writers; i++) {
                first.create(load.path(i), value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            }
        } catch (KeeperException failed) {
            load.close();
            throw new LoadFailure("could not create the writers' znodes under " + root + ": " + failed.code());
        } catch (LoadFailure failed) {
            load.close();
            throw failed;
        }
        for (int i = 0; i < writers; i++) {
            int writer = i;
            Thread thread = new Thread(() -> {
                try {
                    load.writeUntilStopped(writer);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }, "failover-writer-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** The failed writes counted since the last call, by ZooKeeper error code name. */
    Map<String, Long> takeErrors() {
        synchronized (errorsByCode) {
            Map<String, Long> errors = new TreeMap<>(errorsByCode);
            errorsByCode.clear();
            return errors;
        }
    }

    private String path(int writer) {
        return root + "/w-" + writer;
    }

    private void writeUntilStopped(int writer) throws InterruptedException {
        String path = path(writer);
        while (!stop.get()) {
            long issuedNanos = System.nanoTime();
            try {
                sessions.get(writer).setData(path, value, -1);
                clock.acknowledged(issuedNanos, System.nanoTime());
            } catch (KeeperException failed) {
                countError(failed.code().name());
                if (failed.code() == KeeperException.Code.SESSIONEXPIRED && !stop.get()) {
                    reopen(writer);
                }
                LockSupport.parkNanos(ERROR_PAUSE_NANOS);
            }
        }
    }

    /** Replaces an expired session; on failure the writer keeps the dead one and tries again on its next error. */
    private void reopen(int writer) throws InterruptedException {
        try {
            ZooKeeper replacement = open();
            sessions.getAndSet(writer, replacement).close();
        } catch (LoadFailure unreachable) {
            countError("REOPEN_FAILED");
        }
    }

    private ZooKeeper open() throws LoadFailure, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper session;
        try {
            session = new ZooKeeper(connectString, sessionTimeoutMillis, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
        } catch (IOException | IllegalArgumentException unusable) {
            throw new LoadFailure("cannot open a session to " + connectString + ": " + unusable.getMessage());
        }
        if (!connected.await(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            session.close();
            throw new LoadFailure("a session to " + connectString + " did not connect within "
                    + CONNECT_TIMEOUT_MILLIS / 1000 + " s");
        }
        return session;
    }

    private void countError(String code) {
        synchronized (errorsByCode) {
            errorsByCode.merge(code, 1L, Long::sum);
        }
    }

    /**
     * Stops the writers, deletes their znodes and closes the sessions. The deletes are not awaited:
     * closing sends the session's close after them, on the same connection, so they are done first.
     */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(STOP_TIMEOUT_MILLIS);
            thread.interrupt();
        }
        ZooKeeper first = sessions.get(0);
        if (first != null) {
            for (int i = 0; i < sessions.length(); i++) {
                first.delete(path(i), -1, (resultCode, p, context) -> { }, null);
            }
            first.delete(root, -1, (resultCode, p, context) -> { }, null);
        }
        for (int i = 0; i < sessions.length(); i++) {
            ZooKeeper session = sessions.get(i);
            if (session != null) {
                session.close();
            }
        }
    }
}
