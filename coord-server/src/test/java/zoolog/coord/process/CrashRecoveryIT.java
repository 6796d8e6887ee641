package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability promise, checked end to end on a real process: a write acknowledged to a client
 * survives {@code kill -9}. Concurrent official-client sessions write to a server JVM (creates,
 * sequential creates, setData on shared counters, ephemerals) and record what they were told in a
 * {@link WriteLedger}; after a few hundred acknowledgements the server is SIGKILLed mid-load,
 * restarted on the same data directory and port, and the recovered tree is checked against the
 * ledger by {@link LedgerCheck}. Sessions survive too: a client that stays alive re-attaches and
 * keeps its ephemerals, while sessions whose clients died with the server expire after their
 * timeout. Two crash rounds, so the second recovery replays on top of a replayed state.
 */
@Tag("it")
class CrashRecoveryIT {

    private static final int LOAD_SESSIONS = 8;
    /** Acknowledgements a load collects before the kill; many more writes are in flight by then. */
    private static final int ACKS_BEFORE_KILL = 400;
    /** Short, so sessions orphaned by the crash expire soon after the restart. */
    private static final int LOAD_SESSION_TIMEOUT_MILLIS = 4_000;
    /** Long, so the keeper's session outlives two restarts of a loaded 2-core machine. */
    private static final int KEEPER_SESSION_TIMEOUT_MILLIS = 30_000;
    private static final int KEEPER_EPHEMERALS = 3;
    private static final List<String> SERVER_CONFIG = List.of("tickTime=500", "maxSessionTimeout=30000");
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryIT.class);
    private static final Pattern SEQUENTIAL_SUFFIX = Pattern.compile(".*-(\\d{10})");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesKillDashNineTwice() throws Exception {
        CrashLayout layout = new CrashLayout("/crash");
        WriteLedger ledger = new WriteLedger();
        try (ServerProcess server = ServerProcess.configure(dir, SERVER_CONFIG)) {
            server.start();
            StateWatcher keeperWatcher = new StateWatcher();
            ZooKeeper keeper = StateWatcher.connect(server.connectString(), KEEPER_SESSION_TIMEOUT_MILLIS, keeperWatcher);
            try {
                for (String path : layout.scaffolding()) {
                    keeper.create(path, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                createKeeperEphemerals(keeper, ledger, layout, "r0");
                crashRound(server, keeper, keeperWatcher, ledger, layout, "r1");
                crashRound(server, keeper, keeperWatcher, ledger, layout, "r2");
            } finally {
                keeper.close();
            }
        }
    }

    /** Load, kill -9 under the load, restart, then hold the recovered server to the ledger. */
    private static void crashRound(ServerProcess server, ZooKeeper keeper, StateWatcher keeperWatcher,
                                   WriteLedger ledger, CrashLayout layout, String round) throws Exception {
        long keeperSession = keeper.getSessionId();
        WriteLoad load = WriteLoad.start(server.connectString(), LOAD_SESSIONS, LOAD_SESSION_TIMEOUT_MILLIS,
                layout, ledger, round, ACKS_BEFORE_KILL);
        try {
            load.awaitAcks();
            server.kill();
        } finally {
            load.stop();
            load.abandon();
        }
        server.start();

        keeperWatcher.awaitState(KeeperState.SyncConnected);
        assertEquals(keeperSession, keeper.getSessionId(), "the keeper re-attached to its own session");

        StateWatcher checkerWatcher = new StateWatcher();
        ZooKeeper checker = StateWatcher.connect(server.connectString(), KEEPER_SESSION_TIMEOUT_MILLIS, checkerWatcher);
        try {
            TreeSnapshot tree = TreeSnapshot.read(checker);
            LOG.info("{}: {} writes acknowledged so far, {} znodes recovered; server: {}", round, ledger.ackCount(),
                    tree.nodes().size(), server.lastLogLine("Recovered state"));
            List<String> violations = LedgerCheck.violations(ledger, layout, tree, Set.of(keeperSession));
            assertEquals(List.of(), violations.subList(0, Math.min(violations.size(), 20)),
                    round + ": " + violations.size() + " broken promises after recovery ("
                            + ledger.ackCount() + " writes acknowledged in all); server output:\n" + server.logTail());
            probeCounters(checker, ledger, layout, tree, round);
            awaitOrphanedEphemeralsGone(checker, checkerWatcher, layout);
            createKeeperEphemerals(keeper, ledger, layout, round);
        } finally {
            checker.close();
        }
    }

    private static void createKeeperEphemerals(ZooKeeper keeper, WriteLedger ledger, CrashLayout layout, String round)
            throws Exception {
        for (int i = 0; i < KEEPER_EPHEMERALS; i++) {
            String name = "keeper-" + round + "-" + i;
            String path = layout.ephemerals() + "/" + name;
            ledger.attemptCreate(path);
            Stat stat = new Stat();
            keeper.create(path, name.getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, stat);
            ledger.ackEphemeral(new WriteLedger.Created(path, name, stat.getCzxid(), stat.getEphemeralOwner()));
        }
    }

    /**
     * The zxid counter and the sequential counter survived: a new write gets a zxid above every
     * acknowledged one, and a new sequential child a suffix above every existing one.
     */
    private static void probeCounters(ZooKeeper checker, WriteLedger ledger, CrashLayout layout, TreeSnapshot tree,
                                      String round) throws Exception {
        long suffixMax = -1;
        for (String path : tree.nodes().keySet()) {
            if (path.startsWith(layout.sequential() + "/")) {
                suffixMax = Math.max(suffixMax, suffix(path));
            }
        }
        for (WriteLedger.Created ack : ledger.sequentialCreated()) {
            suffixMax = Math.max(suffixMax, suffix(ack.path()));
        }
        long zxidMax = ledger.zxidMax();
        String prefix = layout.sequentialPrefix("probe-" + round);
        String data = "probe-" + round;
        ledger.attemptSequential(prefix);
        Stat stat = new Stat();
        String created = checker.create(prefix, data.getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL, stat);
        ledger.ackSequential(new WriteLedger.Created(created, data, stat.getCzxid(), 0));
        assertTrue(suffix(created) > suffixMax, "sequential counter went back: " + created + " after suffix " + suffixMax);
        assertTrue(stat.getCzxid() > zxidMax, "zxid went back: 0x" + Long.toHexString(stat.getCzxid())
                + " after acknowledged 0x" + Long.toHexString(zxidMax));
    }

    private static long suffix(String path) {
        Matcher matcher = SEQUENTIAL_SUFFIX.matcher(path);
        assertTrue(matcher.matches(), "not a sequential name: " + path);
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Load clients were closed while the server was down, so their sessions came back with the
     * recovered server and nobody re-attached: they must expire and take their ephemerals along,
     * while the keeper's stay. Waits on child watches, bounded by the watcher's deadline.
     */
    private static void awaitOrphanedEphemeralsGone(ZooKeeper checker, StateWatcher watcher, CrashLayout layout)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(StateWatcher.WAIT_SECONDS_MAX);
        while (true) {
            List<String> orphans = checker.getChildren(layout.ephemerals(), true).stream()
                    .filter(name -> !name.startsWith("keeper-")).toList();
            if (orphans.isEmpty()) {
                return;
            }
            if (watcher.nextNodeEvent(Math.max(0, deadline - System.nanoTime())) == null) {
                fail(orphans.size() + " ephemerals of expired sessions are still there after "
                        + StateWatcher.WAIT_SECONDS_MAX + " s, e.g. " + orphans.get(0));
            }
        }
    }
}
