package zoolog.coord.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Curator 5 recipes, each exercising a different slice of the protocol at once: locks
 * (ephemeral-sequential nodes, child watches, containers), leader election, CuratorCache
 * (persistent recursive watches), optimistic counters (versioned setData) and PersistentNode
 * (recreating an ephemeral after deletion and after real session expiry).
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
class CuratorRecipesIT {

    private static final long WAIT_SECONDS = 30;
    /** Far more recipe events than any test here produces. */
    private static final int EVENTS_MAX = 1_000;

    @Test
    void interProcessMutexExcludesAcrossFiveSessions(ZkClients clients) throws Exception {
        String lockPath = UniquePaths.unique("mutex");
        String counterPath = lockPath + "-counter";
        int sessions = 5;
        int rounds = 10;
        List<CuratorFramework> curators = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            curators.add(clients.curator());
        }
        curators.get(0).create().forPath(counterPath, "0".getBytes(UTF_8));

        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Callable<Void>> workers = new ArrayList<>();
        for (CuratorFramework curator : curators) {
            workers.add(() -> {
                InterProcessMutex mutex = new InterProcessMutex(curator, lockPath);
                for (int round = 0; round < rounds; round++) {
                    assertTrue(mutex.acquire(WAIT_SECONDS, TimeUnit.SECONDS), "lock not acquired");
                    try {
                        if (holders.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        // An unconditional read-modify-write: only mutual exclusion keeps it exact.
                        int value = Integer.parseInt(new String(curator.getData().forPath(counterPath), UTF_8));
                        curator.setData().forPath(counterPath, Integer.toString(value + 1).getBytes(UTF_8));
                        holders.decrementAndGet();
                    } finally {
                        mutex.release();
                    }
                }
                return null;
            });
        }
        runAll(workers);

        assertEquals(0, overlaps.get(), "two sessions held the lock at once");
        assertEquals(Integer.toString(sessions * rounds), new String(curators.get(0).getData().forPath(counterPath), UTF_8));
        assertEquals(List.of(), curators.get(0).getChildren().forPath(lockPath), "every lock node was removed");
    }

    @Test
    void leaderLatchElectsExactlyOneLeaderAndMovesLeadershipOnClose(ZkClients clients) throws Exception {
        String latchPath = UniquePaths.unique("leader");
        BlockingQueue<String> elected = new LinkedBlockingQueue<>(EVENTS_MAX);
        List<LeaderLatch> latches = new ArrayList<>();
        try {
            for (String id : List.of("p0", "p1", "p2")) {
                LeaderLatch latch = new LeaderLatch(clients.curator(), latchPath, id);
                latch.addListener(new LeaderLatchListener() {
                    @Override
                    public void isLeader() {
                        elected.add(id);
                    }

                    @Override
                    public void notLeader() {
                    }
                });
                latches.add(latch);
                latch.start();
            }

            String first = poll(elected, "no leader elected");
            assertEquals(List.of(first), leaders(latches));
            LeaderLatch firstLatch = latches.get(Integer.parseInt(first.substring(1)));
            assertEquals(first, firstLatch.getLeader().getId());

            latches.remove(firstLatch);
            firstLatch.close();
            String second = poll(elected, "leadership did not move");
            assertNotEquals(first, second);
            assertEquals(List.of(second), leaders(latches));
            assertEquals(2, latches.get(0).getParticipants().size());
        } finally {
            for (LeaderLatch latch : latches) {
                latch.close();
            }
        }
    }

    @Test
    void curatorCacheReportsInitialStateThenCreatesChangesAndDeletes(ZkClients clients) throws Exception {
        CuratorFramework curator = clients.curator();
        CuratorFramework writer = clients.curator();
        String root = UniquePaths.unique("cache");
        writer.create().forPath(root, "r".getBytes(UTF_8));
        writer.create().forPath(root + "/a", "a0".getBytes(UTF_8));

        BlockingQueue<String> events = new LinkedBlockingQueue<>(EVENTS_MAX);
        CuratorCacheListener listener = CuratorCacheListener.builder()
                .forCreates(node -> events.add("created " + node.getPath() + " " + data(node)))
                .forChanges((before, after) -> events.add("changed " + after.getPath() + " " + data(before) + "->" + data(after)))
                .forDeletes(node -> events.add("deleted " + node.getPath()))
                .forInitialized(() -> events.add("initialized"))
                .build();
        try (CuratorCache cache = CuratorCache.build(curator, root)) {
            cache.listenable().addListener(listener);
            cache.start();

            List<String> initial = List.of(poll(events, "initial"), poll(events, "initial"), poll(events, "initialized"));
            assertTrue(initial.containsAll(List.of("created " + root + " r", "created " + root + "/a a0")), initial.toString());
            assertEquals("initialized", initial.get(2));

            writer.create().forPath(root + "/b", "b0".getBytes(UTF_8));
            assertEquals("created " + root + "/b b0", poll(events, "create"));
            writer.setData().forPath(root + "/a", "a1".getBytes(UTF_8));
            assertEquals("changed " + root + "/a a0->a1", poll(events, "change"));
            writer.delete().forPath(root + "/b");
            assertEquals("deleted " + root + "/b", poll(events, "delete"));
            assertEquals("a1", data(cache.get(root + "/a").orElseThrow()));
        }
    }

    @Test
    void distributedAtomicLongSumsIncrementsFromSeveralSessions(ZkClients clients) throws Exception {
        String counterPath = UniquePaths.unique("atomic-long");
        int sessions = 4;
        int increments = 25;
        List<Callable<Void>> workers = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            DistributedAtomicLong counter = new DistributedAtomicLong(clients.curator(), counterPath, new RetryNTimes(1000, 1));
            workers.add(() -> {
                for (int n = 0; n < increments; n++) {
                    AtomicValue<Long> result = counter.increment();
                    while (!result.succeeded()) {
                        result = counter.increment();
                    }
                }
                return null;
            });
        }
        runAll(workers);

        DistributedAtomicLong reader = new DistributedAtomicLong(clients.curator(), counterPath, new RetryNTimes(3, 1));
        assertEquals((long) sessions * increments, reader.get().postValue());
    }

    @Test
    void persistentNodeRecreatesItsEphemeralAfterDeleteAndAfterSessionExpiry(TestServer server, ZkClients clients) throws Exception {
        String path = UniquePaths.unique("persistent-node");
        RecordingWatcher observed = new RecordingWatcher();
        ZooKeeper observer = clients.connect(observed);
        try (TcpProxy proxy = new TcpProxy(server.clientPort())) {
            CuratorFramework owner = clients.curator(proxy.connectString(), server.config().effectiveMinSessionTimeoutMillis());
            try (PersistentNode node = new PersistentNode(owner, CreateMode.EPHEMERAL, false, path, "here".getBytes(UTF_8))) {
                node.start();
                assertTrue(node.waitForInitialCreate(WAIT_SECONDS, TimeUnit.SECONDS));
                long firstSession = owner.getZookeeperClient().getZooKeeper().getSessionId();
                assertEquals(firstSession, observer.exists(path, true).getEphemeralOwner());

                // Someone deletes it: the recipe's own watch sees that and creates it again.
                observer.delete(path, -1);
                observed.nextNodeEvent(EventType.NodeDeleted, path);
                assertNotNull(awaitCreated(observer, observed, path));

                // The session expires on the server: the node goes, and comes back in a new session.
                observer.exists(path, true);
                proxy.freeze();
                observed.nextNodeEvent(EventType.NodeDeleted, path);
                proxy.thaw();
                Stat recreated = awaitCreated(observer, observed, path);
                assertNotEquals(firstSession, recreated.getEphemeralOwner());
                assertEquals("here", new String(observer.getData(path, false, null), UTF_8));
            }
        }
    }

    /** Waits for {@code path} to exist, watching for its creation if it does not yet. */
    private static Stat awaitCreated(ZooKeeper observer, RecordingWatcher observed, String path) throws Exception {
        Stat stat = observer.exists(path, true);
        if (stat != null) {
            return stat;
        }
        observed.nextNodeEvent(EventType.NodeCreated, path);
        return observer.exists(path, false);
    }

    private static List<String> leaders(List<LeaderLatch> latches) {
        return latches.stream().filter(LeaderLatch::hasLeadership).map(LeaderLatch::getId).toList();
    }

    private static String data(ChildData node) {
        return node.getData() == null ? "null" : new String(node.getData(), UTF_8);
    }

    private static String poll(BlockingQueue<String> queue, String what) throws InterruptedException {
        String value = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(value, "timed out waiting for: " + what);
        return value;
    }

    private static void runAll(List<Callable<Void>> workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> futures = pool.invokeAll(workers, WAIT_SECONDS * 2, TimeUnit.SECONDS);
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
