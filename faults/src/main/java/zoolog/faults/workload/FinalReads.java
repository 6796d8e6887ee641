package zoolog.faults.workload;

import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * The reads a workload makes after the cluster healed, recorded like any operation so the
 * checkers find them in the history. A listing syncs first: the admin session's server may be a
 * follower that has not applied the last commits yet, and a stale listing would look like lost
 * creates. Stateless; the run's main thread calls it.
 */
final class FinalReads {

    /** The server this session uses has caught up long before this; a bound for a broken one. */
    static final long SYNC_WAIT_MILLIS_MAX = 10_000;

    private FinalReads() {
    }

    /** Lists {@code parent}'s children as full paths, sorted, and records the listing. */
    static List<String> list(ZooKeeper admin, WorkloadContext context, String parent)
            throws KeeperException, InterruptedException {
        HistoryEntry invocation = HistoryEntry.of(EntryType.INVOKE, context.newProcess(), Fn.LIST).withKey(parent);
        invocation = context.history().record(invocation).orElse(invocation);
        try {
            Sessions.sync(admin, parent, SYNC_WAIT_MILLIS_MAX);
            List<String> children = admin.getChildren(parent, false).stream().sorted().map(child -> parent + '/' + child)
                    .toList();
            context.history().record(invocation.completedAs(EntryType.OK).withNames(children));
            return children;
        } catch (KeeperException e) {
            context.history().record(invocation.completedAs(EntryType.FAIL).withError(e.code().name()));
            throw e;
        }
    }
}
