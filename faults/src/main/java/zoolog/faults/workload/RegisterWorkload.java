package zoolog.faults.workload;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * The register workload: {@value #KEYS} znodes under {@link ZnodePaths#REGISTER}, each a register
 * holding a number (its data) at a version (its data version). Clients pick a key at random and
 * read (half the time), write, or compare-and-set. A read is {@code sync} then {@code getData}:
 * ZooKeeper serves reads from the server a client is connected to, which may lag the leader, so
 * a plain getData is only sequentially consistent; sync first makes that server catch up. A write
 * is {@code setData(path, value, -1)}; a cas is {@code setData(path, value, v)} with the version
 * this client last saw, which fails with BADVERSION unless the version is still {@code v}.
 */
final class RegisterWorkload extends PooledWorkload {

    static final int KEYS = 3;

    private final List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> ZnodePaths.REGISTER + "/k" + i).toList();

    RegisterWorkload(WorkloadContext context) {
        super("register", context);
    }

    @Override
    public void setUp(ZooKeeper admin) throws KeeperException, InterruptedException {
        ZnodePaths.ensure(admin, ZnodePaths.REGISTER, new byte[0]);
        for (String key : keys) {
            // Not ensure(): the checker's model starts every register at value 0, version 0, so an
            // existing key (left by an earlier run in the same data directory) must stop the run.
            admin.create(key, encode(0), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
    }

    @Override
    WorkerPool.Worker newWorker() {
        return new RegisterWorker();
    }

    @Override
    public void finish(ZooKeeper admin) {
        // Every operation checks itself against the others; there is nothing to read at the end.
    }

    private static byte[] encode(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    private final class RegisterWorker extends SessionWorker {

        private final Map<String, Long> lastSeenVersion = new HashMap<>();

        RegisterWorker() {
            super(RegisterWorkload.this.context);
        }

        @Override
        protected void operate(ZooKeeper session) throws InterruptedException {
            String key = keys.get(random.nextInt(keys.size()));
            int roll = random.nextInt(4);
            if (roll < 2) {
                read(session, key);
            } else {
                write(session, key, roll == 3);
            }
        }

        private void read(ZooKeeper session, String key) throws InterruptedException {
            HistoryEntry invocation = invoke(invocation(Fn.READ, key));
            try {
                Sessions.sync(session, key, SESSION_TIMEOUT_MILLIS);
                Stat stat = new Stat();
                long value = Long.parseLong(new String(session.getData(key, false, stat), StandardCharsets.US_ASCII));
                lastSeenVersion.put(key, (long) stat.getVersion());
                complete(invocation.completedAs(EntryType.OK).withValue(value).withVersion((long) stat.getVersion()));
            } catch (KeeperException e) {
                complete(invocation.completedAs(EntryType.FAIL).withError(e.code().name()));
            }
        }

        private void write(ZooKeeper session, String key, boolean cas) throws InterruptedException {
            long value = context.newValue();
            long expected = lastSeenVersion.getOrDefault(key, 0L);
            HistoryEntry invocation = invoke(invocation(cas ? Fn.CAS : Fn.WRITE, key).withValue(value)
                    .withVersion(cas ? expected : null));
            try {
                Stat stat = session.setData(key, encode(value), cas ? (int) expected : -1);
                lastSeenVersion.put(key, (long) stat.getVersion());
                complete(invocation.completedAs(EntryType.OK).withVersion((long) stat.getVersion()));
            } catch (KeeperException e) {
                complete(invocation.completedAs(Outcomes.ofWriteError(e.code())).withError(e.code().name()));
            }
        }
    }
}
