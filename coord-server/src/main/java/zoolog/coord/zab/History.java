package zoolog.coord.zab;

import java.util.ArrayList;
import java.util.List;
import zoolog.protocol.txn.Txn;

/**
 * The part of this member's transaction log the replication core keeps in memory: every logged
 * transaction after {@code baseZxid}, in zxid order. Entries up to the state's last applied zxid
 * are committed and kept (at most a window of them) so a leader can bring a lagging learner up
 * to date with a DIFF; entries after it are logged but not known to be committed, and stay until
 * a leader commits or truncates them. Owned by the core thread.
 */
final class History {

    private final ArrayList<Txn> entries = new ArrayList<>();
    /** The zxid just before the first entry: the state's starting point or the window's edge. */
    private long baseZxid;

    History(long baseZxid, List<Txn> log) {
        this.baseZxid = baseZxid;
        for (Txn txn : log) {
            append(txn);
        }
    }

    long lastZxid() {
        return entries.isEmpty() ? baseZxid : entries.get(entries.size() - 1).getZxid();
    }

    void append(Txn txn) {
        if (txn.getZxid() <= lastZxid()) {
            throw new IllegalStateException("log append out of order: " + Zxid.hex(txn.getZxid())
                    + " after " + Zxid.hex(lastZxid()));
        }
        entries.add(txn);
    }

    /** True when this member's log holds {@code zxid}, or it is the point the log starts after. */
    boolean contains(long zxid) {
        return zxid == baseZxid || indexOf(zxid) >= 0;
    }

    /** The highest zxid below {@code zxid} this log is known to hold, or -1 if that is before the base. */
    long highestBelow(long zxid) {
        int index = indexOf(zxid);
        int insertion = index >= 0 ? index : -index - 1;
        if (insertion > 0) {
            return entries.get(insertion - 1).getZxid();
        }
        return zxid > baseZxid ? baseZxid : -1;
    }

    /** Entries with a zxid above {@code zxid}, in order (a view; copy before changing the history). */
    List<Txn> after(long zxid) {
        int index = indexOf(zxid);
        int from = index >= 0 ? index + 1 : -index - 1;
        return entries.subList(from, entries.size());
    }

    /** Drops every entry above {@code zxid}: proposals the new leader never committed. */
    void truncateAfter(long zxid) {
        if (zxid < baseZxid) {
            throw new IllegalStateException("cannot truncate to " + Zxid.hex(zxid) + " before the log base " + Zxid.hex(baseZxid));
        }
        after(zxid).clear();
    }

    /** Forgets everything: the state was replaced by a snapshot taken at {@code zxid}. */
    void reset(long zxid) {
        entries.clear();
        baseZxid = zxid;
    }

    /**
     * Keeps at most {@code windowMax} committed entries (those at or below {@code committedZxid}).
     * Trims in steps of a quarter window so the array copy is amortised.
     */
    void trimCommitted(long committedZxid, int windowMax) {
        int index = indexOf(committedZxid);
        int committed = index >= 0 ? index + 1 : -index - 1;
        int excess = committed - windowMax;
        if (excess > windowMax / 4) {
            baseZxid = entries.get(excess - 1).getZxid();
            entries.subList(0, excess).clear();
        }
    }

    /** Binary search by zxid: the index, or {@code -(insertion point) - 1}. */
    private int indexOf(long zxid) {
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midZxid = entries.get(mid).getZxid();
            if (midZxid < zxid) {
                low = mid + 1;
            } else if (midZxid > zxid) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
