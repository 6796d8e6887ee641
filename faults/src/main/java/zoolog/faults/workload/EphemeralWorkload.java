package zoolog.faults.workload;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.proxy.LinkProxy;

/**
 * The ephemeral workload: each client opens a short session to one node through its own
 * {@link LinkProxy}, creates a few ephemeral znodes named after the session, holds them a moment,
 * and then either closes the session or abandons it: blocks its proxy, so the servers hear
 * nothing more from it (no closeSession, no pings) and must expire it on their own clock. After
 * the heal, {@link #finish} waits until the parent is empty or the expiry bound passed and
 * records the listing; {@link EphemeralChecker} requires it to be empty.
 */
final class EphemeralWorkload extends PooledWorkload {

    /** Short, so abandoned sessions expire within the run: 6 ticks of the ensemble's 500 ms. */
    static final int SESSION_TIMEOUT_MILLIS = 3000;
    static final int EPHEMERALS_PER_SESSION_MAX = 3;
    static final long HOLD_NANOS_MAX = TimeUnit.MILLISECONDS.toNanos(1000);
    /**
     * How long after the heal every ephemeral must be gone: a session timeout, plus a leader
     * election and the new leader's full session timeout (it restarts every session's clock).
     */
    static final long EXPIRY_WAIT_MILLIS_MAX = 30_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);


    EphemeralWorkload(WorkloadContext context) {
        super("ephemeral", context);
    }

    @Override
    public void setUp(ZooKeeper admin) throws KeeperException, InterruptedException {
        ZnodePaths.ensure(admin, ZnodePaths.EPHEMERAL, new byte[0]);
    }

    @Override
    WorkerPool.Worker newWorker() {
        return new OwnerWorker();
    }

    @Override
    public void finish(ZooKeeper admin) throws KeeperException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXPIRY_WAIT_MILLIS_MAX);
        while (!admin.getChildren(ZnodePaths.EPHEMERAL, false).isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        FinalReads.list(admin, context, ZnodePaths.EPHEMERAL);
    }

    /** One client thread; each step is one session's whole life. */
    private final class OwnerWorker implements WorkerPool.Worker {

        private final SplittableRandom random = context.newRandom();
        private volatile ZooKeeper zk;
        private volatile LinkProxy proxy;

        @Override
        public void step(BooleanSupplier stopping) throws InterruptedException {
            int port = context.clientPorts().get(random.nextInt(context.clientPorts().size()));
            LinkProxy link;
            ZooKeeper session;
            try {
                link = LinkProxy.start("ephemeral-client", port);
                proxy = link;
                session = Sessions.connect("127.0.0.1:" + link.port(), SESSION_TIMEOUT_MILLIS);
                zk = session;
            } catch (IOException noSession) {
                close();
                return;
            }
            int process = context.newProcess();
            long sessionId = session.getSessionId();
            int count = 1 + random.nextInt(EPHEMERALS_PER_SESSION_MAX);
            for (int i = 0; i < count && !stopping.getAsBoolean(); i++) {
                create(session, process, ZnodePaths.EPHEMERAL + "/s" + Long.toHexString(sessionId) + "-" + i);
            }
            LockSupport.parkNanos(random.nextLong(HOLD_NANOS_MAX));
            boolean abandon = random.nextBoolean();
            Fn end = abandon ? Fn.ABANDON_SESSION : Fn.CLOSE_SESSION;
            HistoryEntry invocation = HistoryEntry.of(EntryType.INVOKE, process, end).withSession(sessionId);
            invocation = context.history().record(invocation).orElse(invocation);
            if (abandon) {
                link.block();
            }
            close();
            context.history().record(invocation.completedAs(EntryType.OK));
        }

        private void create(ZooKeeper session, int process, String path) throws InterruptedException {
            HistoryEntry invocation = HistoryEntry.of(EntryType.INVOKE, process, Fn.CREATE_EPHEMERAL).withKey(path)
                    .withSession(session.getSessionId());
            invocation = context.history().record(invocation).orElse(invocation);
            try {
                session.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                context.history().record(invocation.completedAs(EntryType.OK).withNames(List.of(path)));
            } catch (KeeperException e) {
                context.history().record(invocation.completedAs(Outcomes.ofWriteError(e.code()))
                        .withError(e.code().name()));
            }
        }

        @Override
        public void abort() {
            close();
        }

        @Override
        public void close() {
            ZooKeeper session = zk;
            zk = null;
            if (session != null) {
                try {
                    session.close(SESSION_TIMEOUT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LinkProxy link = proxy;
            proxy = null;
            if (link != null) {
                link.close();
            }
        }
    }
}
