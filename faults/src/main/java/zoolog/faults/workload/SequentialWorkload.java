package zoolog.faults.workload;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * The sequential workload: every client creates PERSISTENT_SEQUENTIAL znodes {@code n-<number>}
 * under {@link ZnodePaths#SEQUENTIAL} as fast as it can; after the heal one listing of the parent
 * is recorded. {@link SequentialChecker} then checks the numbers are unique and gapless and no
 * acknowledged create was lost.
 */
final class SequentialWorkload extends PooledWorkload {

    static final String PREFIX = ZnodePaths.SEQUENTIAL + "/n-";


    SequentialWorkload(WorkloadContext context) {
        super("sequential", context);
    }

    @Override
    public void setUp(ZooKeeper admin) throws KeeperException, InterruptedException {
        ZnodePaths.ensure(admin, ZnodePaths.SEQUENTIAL, new byte[0]);
    }

    @Override
    WorkerPool.Worker newWorker() {
        return new CreateWorker();
    }

    @Override
    public void finish(ZooKeeper admin) throws KeeperException, InterruptedException {
        FinalReads.list(admin, context, ZnodePaths.SEQUENTIAL);
    }

    private final class CreateWorker extends SessionWorker {

        CreateWorker() {
            super(SequentialWorkload.this.context);
        }

        @Override
        protected void operate(ZooKeeper session) throws InterruptedException {
            HistoryEntry invocation = invoke(invocation(Fn.CREATE_SEQUENTIAL, ZnodePaths.SEQUENTIAL));
            try {
                String created = session.create(PREFIX, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT_SEQUENTIAL);
                complete(invocation.completedAs(EntryType.OK).withNames(List.of(created)));
            } catch (KeeperException e) {
                complete(invocation.completedAs(Outcomes.ofWriteError(e.code())).withError(e.code().name()));
            }
        }
    }
}
