package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AsyncCallback.Create2Callback;
import org.apache.zookeeper.AsyncCallback.StatCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * A concurrent write load of several official-client sessions, each on its own thread keeping up
 * to {@value #IN_FLIGHT_MAX} async writes in flight: persistent creates with unique names,
 * persistent-sequential creates under one shared parent, setData on shared counters (half
 * unconditional, half conditional on the latest version any client was told) and ephemerals of
 * the load session. Every attempt and every acknowledgement goes to a {@link WriteLedger}. The
 * test thread starts it, waits for enough acks, kills the server under it, then stops it.
 */
final class WriteLoad {

    /** Writes a session keeps in flight: enough to have many unacknowledged writes when the kill lands. */
    static final int IN_FLIGHT_MAX = 16;
    /** Writes one session issues at most; far more than a round needs before its kill, and a bound on the ledger. */
    static final int WRITES_PER_SESSION_MAX = 5_000;
    /** How long a load thread waits for a free slot before it looks at the stop flag again. */
    private static final long SLOT_WAIT_MILLIS = 50;
    private static final long JOIN_WAIT_SECONDS_MAX = 30;
    /** Operation kinds, taken in turn by each session. */
    private static final int KINDS = 5;

    private final CrashLayout layout;
    private final WriteLedger ledger;
    private final String round;
    private final CountDownLatch acksWanted;
    private final List<Writer> writers = new ArrayList<>();
    private volatile boolean stopped;

    private WriteLoad(CrashLayout layout, WriteLedger ledger, String round, int acksWanted) {
        this.layout = layout;
        this.ledger = ledger;
        this.round = round;
        this.acksWanted = new CountDownLatch(acksWanted);
    }

    /** Connects {@code sessions} clients and starts writing; {@link #awaitAcks} waits for {@code acksWanted}. */
    static WriteLoad start(String connectString, int sessions, int sessionTimeoutMillis, CrashLayout layout,
                           WriteLedger ledger, String round, int acksWanted) throws Exception {
        WriteLoad load = new WriteLoad(layout, ledger, round, acksWanted);
        for (int i = 0; i < sessions; i++) {
            ZooKeeper zk = StateWatcher.connect(connectString, sessionTimeoutMillis, new StateWatcher());
            load.writers.add(load.new Writer(zk, round + "-s" + i));
        }
        load.writers.forEach(writer -> writer.thread.start());
        return load;
    }

    /** Returns once at least {@code acksWanted} writes of this load were acknowledged. */
    void awaitAcks() throws InterruptedException {
        if (!acksWanted.await(StateWatcher.WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            fail("load " + round + " got only " + ledger.ackCount() + " acknowledgements in "
                    + StateWatcher.WAIT_SECONDS_MAX + " s; anomalies: " + ledger.anomalies());
        }
    }

    /** Session ids of the load's clients (their ephemerals must go once those sessions expire). */
    List<Long> sessionIds() {
        return writers.stream().map(writer -> writer.zk.getSessionId()).toList();
    }

    /** Stops issuing writes and waits for the load threads to end; replies may still arrive. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Writer writer : writers) {
            writer.thread.join(TimeUnit.SECONDS.toMillis(JOIN_WAIT_SECONDS_MAX));
            assertTrue(!writer.thread.isAlive(), writer.thread.getName() + " did not stop");
        }
    }

    /**
     * Closes the clients while the server is down, so they never re-attach: their sessions live on
     * in the recovered server until they expire, like those of clients that died with the server.
     */
    void abandon() throws InterruptedException {
        List<Thread> closers = new ArrayList<>();
        for (Writer writer : writers) {
            Thread closer = new Thread(() -> {
                try {
                    writer.zk.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "close-" + writer.tag);
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            closer.join(TimeUnit.SECONDS.toMillis(JOIN_WAIT_SECONDS_MAX));
            assertTrue(!closer.isAlive(), closer.getName() + " did not finish closing");
        }
    }

    /** One session and the thread that feeds it. */
    private final class Writer implements Create2Callback, StatCallback {
        private final ZooKeeper zk;
        private final String tag;
        private final Semaphore slots = new Semaphore(IN_FLIGHT_MAX);
        private final Thread thread;

        Writer(ZooKeeper zk, String tag) {
            this.zk = zk;
            this.tag = tag;
            this.thread = new Thread(this::run, "load-" + tag);
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                for (int n = 0; !stopped && n < WRITES_PER_SESSION_MAX; ) {
                    if (!slots.tryAcquire(SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    if (stopped) {
                        break;
                    }
                    issue(n++);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void issue(int n) {
            String name = tag + "-" + n;
            byte[] data = name.getBytes(UTF_8);
            switch (n % KINDS) {
                case 0 -> {
                    String path = layout.nodes() + "/" + name;
                    ledger.attemptCreate(path);
                    zk.create(path, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, this, new Pending(Kind.CREATE, name));
                }
                case 1 -> {
                    String prefix = layout.sequentialPrefix(tag);
                    ledger.attemptSequential(prefix);
                    zk.create(prefix, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, this, new Pending(Kind.SEQUENTIAL, name));
                }
                case 2, 3 -> {
                    String counter = layout.counter(n / KINDS);
                    int version = n % KINDS == 2 ? -1 : ledger.knownVersion(counter);
                    ledger.attemptSet(counter, name);
                    zk.setData(counter, data, version, this, name);
                }
                default -> {
                    String path = layout.ephemerals() + "/" + name;
                    ledger.attemptCreate(path);
                    zk.create(path, data, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, this, new Pending(Kind.EPHEMERAL, name));
                }
            }
        }

        @Override
        public void processResult(int rc, String path, Object ctx, String name, Stat stat) {
            slots.release();
            Code code = Code.get(rc);
            if (code == Code.OK) {
                Pending pending = (Pending) ctx;
                WriteLedger.Created ack = new WriteLedger.Created(name, pending.data(), stat.getCzxid(), stat.getEphemeralOwner());
                switch (pending.kind()) {
                    case CREATE -> ledger.ackCreate(ack);
                    case SEQUENTIAL -> ledger.ackSequential(ack);
                    case EPHEMERAL -> ledger.ackEphemeral(ack);
                }
                acksWanted.countDown();
            } else if (!unknownOutcome(code)) {
                ledger.anomaly(ctx + " " + path + " (" + tag + "): " + code);
            }
        }

        @Override
        public void processResult(int rc, String path, Object ctx, Stat stat) {
            slots.release();
            Code code = Code.get(rc);
            if (code == Code.OK) {
                ledger.ackSet(new WriteLedger.DataSet(path, stat.getVersion(), (String) ctx, stat.getMzxid()));
                acksWanted.countDown();
            } else if (code != Code.BADVERSION && !unknownOutcome(code)) {
                ledger.anomaly("setData " + path + " (" + ctx + "): " + code);
            }
        }
    }

    /** Errors that say only that the client lost touch with the server: the write may or may not have happened. */
    private static boolean unknownOutcome(Code code) {
        return code == Code.CONNECTIONLOSS || code == Code.SESSIONEXPIRED || code == Code.OPERATIONTIMEOUT;
    }

    private enum Kind { CREATE, SEQUENTIAL, EPHEMERAL }

    /** What a create callback needs to know about its request: which kind it was and the data sent. */
    private record Pending(Kind kind, String data) {}
}
