package zoolog.coord.zab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import zoolog.protocol.txn.Txn;

/**
 * A simulated disk for one member: what is durable (epochs, the log, the materialised state)
 * and an ordered queue of writes not yet synced. A flush makes a prefix of the queue durable; a
 * crash keeps a random prefix and loses the rest, like a process killed before its fsync.
 */
final class FakeDisk {

    private record Pending(long token, Object op) {}

    private record Materialize(Txn txn) {}

    long acceptedEpoch;
    long currentEpoch;
    String ensembleId = "";
    final TreeMap<Long, Txn> log = new TreeMap<>();
    List<Txn> materialized = new ArrayList<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    void persist(long token, DurableOp op) {
        pending.addLast(new Pending(token, op));
    }

    void materialize(Txn txn) {
        pending.addLast(new Pending(-1, new Materialize(txn)));
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Makes up to {@code count} queued writes durable; returns the highest durable token, or -1. */
    long flush(int count) {
        long token = -1;
        for (int i = 0; i < count && !pending.isEmpty(); i++) {
            Pending write = pending.pollFirst();
            apply(write.op());
            token = Math.max(token, write.token());
        }
        return token;
    }

    /** The process died: a random prefix of the queue reached the disk, the rest is gone. */
    void crash(RandomGenerator random, boolean loseUnsynced) {
        int kept = loseUnsynced ? random.nextInt(pending.size() + 1) : pending.size();
        flush(kept);
        pending.clear();
    }

    long materializedZxid() {
        return materialized.isEmpty() ? 0 : materialized.get(materialized.size() - 1).getZxid();
    }

    private void apply(Object op) {
        if (op instanceof Materialize m) {
            if (m.txn().getZxid() <= materializedZxid()) {
                throw new AssertionError("materialised out of order: " + Zxid.hex(m.txn().getZxid()));
            }
            materialized.add(m.txn());
        } else if (op instanceof DurableOp.AppendTxn append) {
            log.put(append.txn().getZxid(), append.txn());
        } else if (op instanceof DurableOp.TruncateLog truncate) {
            if (truncate.afterZxid() < materializedZxid()) {
                throw new AssertionError("truncating to " + Zxid.hex(truncate.afterZxid()) + " below the materialised "
                        + Zxid.hex(materializedZxid()));
            }
            log.tailMap(truncate.afterZxid(), false).clear();
        } else if (op instanceof DurableOp.SaveEpochs epochs) {
            acceptedEpoch = epochs.acceptedEpoch();
            currentEpoch = epochs.currentEpoch();
            ensembleId = epochs.ensembleId();
        } else if (op instanceof DurableOp.InstallSnapshot snapshot) {
            log.clear();
            materialized = new ArrayList<>(FakeState.decode(snapshot.nodes()));
        }
    }
}
