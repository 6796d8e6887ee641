package zoolog.faults.workload;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import zoolog.faults.checker.Checker;
import zoolog.faults.checker.EphemeralChecker;
import zoolog.faults.checker.LinearizabilityChecker;
import zoolog.faults.checker.LockChecker;
import zoolog.faults.checker.SequentialChecker;

/**
 * The workloads {@code --workload} can name. {@code REGISTER}: read, write and compare-and-set on a
 * few register znodes, checked for linearizability. {@code SEQUENTIAL}: concurrent sequential
 * creates, checked for unique and gapless numbers. {@code EPHEMERAL}: sessions that create
 * ephemerals and then close or vanish, checked for every ephemeral being gone. {@code LOCK}:
 * Curator's InterProcessMutex, checked for mutual exclusion.
 */
public enum WorkloadKind {
    REGISTER(RegisterWorkload::new, LinearizabilityChecker::new),
    SEQUENTIAL(SequentialWorkload::new, () -> new SequentialChecker(ZnodePaths.SEQUENTIAL)),
    EPHEMERAL(EphemeralWorkload::new, () -> new EphemeralChecker(ZnodePaths.EPHEMERAL)),
    LOCK(LockWorkload::new, LockChecker::new);

    private final Function<WorkloadContext, Workload> factory;
    private final Supplier<Checker> checker;

    WorkloadKind(Function<WorkloadContext, Workload> factory, Supplier<Checker> checker) {
        this.factory = factory;
        this.checker = checker;
    }

    /** The checkers that judge this workload's history. */
    public List<Checker> checkers() {
        return List.of(checker.get());
    }

    public Workload create(WorkloadContext context) {
        return factory.apply(context);
    }
}
