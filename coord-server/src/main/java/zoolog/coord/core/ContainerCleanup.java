package zoolog.coord.core;

import java.util.ArrayList;
import java.util.List;
import zoolog.coord.ops.TxnPreparer;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.EphemeralType;
import zoolog.coord.tree.Znode;
import zoolog.protocol.txn.Txn;

/**
 * ZooKeeper's container manager as a pure function: which containers (empty, and once had a
 * child) and TTL nodes (childless and idle past their TTL) to delete now. The deletions are
 * ordinary transactions, prepared against pending changes, so a create racing the cleanup wins.
 */
final class ContainerCleanup {

    private ContainerCleanup() {}

    /** Prepared deletions with consecutive zxids from {@code firstZxid}, at most {@code countMax}. */
    static List<Txn> due(DataTree tree, TxnPreparer preparer, long firstZxid, long nowMillis, int countMax) {
        List<Txn> deletions = new ArrayList<>();
        for (String path : new ArrayList<>(tree.containersAndTtls())) {
            if (deletions.size() >= countMax) {
                break;
            }
            Znode node = tree.get(path);
            long owner = node.ephemeralOwner();
            boolean due = node.numChildren() == 0 && (EphemeralType.isContainer(owner)
                    ? node.storedCversion() > 0
                    : nowMillis - node.mtime() > EphemeralType.ttlMillis(owner));
            if (due) {
                Txn txn = preparer.prepareCleanup(path, firstZxid + deletions.size(), nowMillis);
                if (txn != null) {
                    deletions.add(txn);
                }
            }
        }
        return deletions;
    }
}
