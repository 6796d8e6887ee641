package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ensembles of separate server JVMs, driven by the official client and Curator: every
 * acknowledged write survives killing the leader, and a member coming back catches up by each of
 * ZAB's three synchronisation modes (DIFF, TRUNC, SNAP), ending with the same tree as the rest.
 */
class EnsembleIT {

    private static final int SESSION_TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path root;

    @Test
    void threeMembersKeepEveryAcknowledgedWriteAcrossALeaderKillAndCatchUpByDiff() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.configure(root, 3, List.of())) {
            ensemble.startAll();
            ServerProcess leader = ensemble.awaitLeader();
            try (Writer writer = new Writer(ensemble.connectString())) {
                writer.createMany("/acked", 100);
                leader.kill();
                writer.createMany("/acked", 100);
                ServerProcess next = ensemble.awaitLeader();
                assertTrue(next != leader, "a new leader was elected");
                leader.start();
                ensemble.awaitLeader();
                assertTrue(leader.loggedSinceStart("DIFF: receiving proposals"), "the old leader caught up by DIFF");
                for (ServerProcess member : ensemble.members) {
                    assertEquals(writer.acknowledged, childrenOn(member, "/acked"), "tree on " + member.connectString());
                }
            }
        }
    }

    @Test
    void uncommittedProposalsAreTruncatedAndAFarBehindMemberGetsASnapshot() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.configure(root, 3, List.of())) {
            for (ServerProcess member : ensemble.members) {
                member.setJvmProperty("zookeeper.commitLogCount", "20");
            }
            ensemble.startAll();
            ServerProcess leader = ensemble.awaitLeader();
            List<ServerProcess> followers = new ArrayList<>(ensemble.members);
            followers.remove(leader);
            try (Writer writer = new Writer(ensemble.connectString())) {
                writer.createMany("/acked", 10);
                // Alone, the leader logs proposals nobody acks, then steps down for want of a quorum.
                // Frozen followers never read them; killed while frozen, they never will.
                try (ZooKeeper lonely = StateWatcher.connect(leader.connectString(), SESSION_TIMEOUT_MILLIS, new StateWatcher())) {
                    for (ServerProcess follower : followers) {
                        follower.pause();
                    }
                    for (int i = 0; i < 5; i++) {
                        lonely.create("/never", new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL,
                                (rc, path, ctx, name) -> { }, null);
                    }
                    EnsembleProcesses.awaitNotServing(leader);
                }
                for (ServerProcess follower : followers) {
                    follower.kill();
                }
                leader.pause();
                for (ServerProcess follower : followers) {
                    follower.start();
                }
                ensemble.awaitLeaderAmong(followers);
                // Fewer than the leader's DIFF window (commitLogCount), so the old leader is still within it.
                writer.createMany("/acked", 5);
                leader.resume();
                ensemble.awaitLeader();
                assertTrue(leader.loggedSinceStart("TRUNC: dropping logged proposals"), () -> "the old leader truncated:\n" + leader.logTail());
                ServerProcess behind = followers.get(0).equals(ensemble.awaitLeader()) ? followers.get(1) : followers.get(0);
                behind.kill();
                writer.createMany("/acked", 60);
                behind.start();
                ensemble.awaitLeader();
                assertTrue(behind.loggedSinceStart("SNAP: receiving the leader's state"), "the lagging member got a snapshot");
                for (ServerProcess member : ensemble.members) {
                    assertEquals(writer.acknowledged, childrenOn(member, "/acked"), "tree on " + member.connectString());
                    assertNull(existsOn(member, "/never0000000000"), "an unacknowledged proposal survived");
                }
            }
        }
    }

    @Test
    void fiveMembersServeCuratorRecipesThroughALeaderKill() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.configure(root, 5, List.of());
             CuratorFramework curator = CuratorFrameworkFactory.newClient(ensemble.connectString(),
                     SESSION_TIMEOUT_MILLIS, SESSION_TIMEOUT_MILLIS, new ExponentialBackoffRetry(100, 20))) {
            ensemble.startAll();
            ServerProcess leader = ensemble.awaitLeader();
            curator.start();
            DistributedAtomicLong counter = new DistributedAtomicLong(curator, "/counter", new RetryNTimes(50, 100));
            InterProcessMutex lock = new InterProcessMutex(curator, "/lock");
            int increments = 0;
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    leader.kill();
                }
                assertTrue(lock.acquire(30, TimeUnit.SECONDS), "lock acquired");
                try {
                    if (counter.increment().succeeded()) {
                        increments++;
                    }
                } finally {
                    lock.release();
                }
            }
            ensemble.awaitLeader();
            assertEquals(increments, counter.get().postValue());
            assertEquals(40, increments, "every increment went through");
        }
    }

    private static TreeSet<String> childrenOn(ServerProcess member, String path) throws Exception {
        try (ZooKeeper zk = StateWatcher.connect(member.connectString(), SESSION_TIMEOUT_MILLIS, new StateWatcher())) {
            zk.sync(path, (rc, p, ctx) -> { }, null);
            return new TreeSet<>(zk.getChildren(path, false));
        }
    }

    private static org.apache.zookeeper.data.Stat existsOn(ServerProcess member, String path) throws Exception {
        try (ZooKeeper zk = StateWatcher.connect(member.connectString(), SESSION_TIMEOUT_MILLIS, new StateWatcher())) {
            return zk.exists(path, false);
        }
    }

    /** An official client on every member that records which sequential creates were acknowledged. */
    private static final class Writer implements AutoCloseable {
        final TreeSet<String> acknowledged = new TreeSet<>();
        private final ZooKeeper zk;

        Writer(String connectString) throws Exception {
            zk = StateWatcher.connect(connectString, SESSION_TIMEOUT_MILLIS, new StateWatcher());
        }

        /** {@code count} acknowledged creates under {@code parent}; a create whose outcome is unknown is retried. */
        void createMany(String parent, int count) throws Exception {
            retrying(() -> {
                if (zk.exists(parent, false) == null) {
                    zk.create(parent, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                }
                return null;
            });
            for (int i = 0; i < count; i++) {
                String path = retrying(() -> zk.create(parent + "/n", "v".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT_SEQUENTIAL));
                acknowledged.add(path.substring(parent.length() + 1));
            }
        }

        private <T> T retrying(KeeperCall<T> call) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EnsembleProcesses.SETTLE_WAIT_SECONDS_MAX);
            while (true) {
                try {
                    return call.run();
                } catch (KeeperException.ConnectionLossException | KeeperException.NodeExistsException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }

    private interface KeeperCall<T> {
        T run() throws Exception;
    }
}
