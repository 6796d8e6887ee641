package zoolog.faults.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client operation: its invocation and its completion, which is null when the run ended while
 * it was in flight (an unknown outcome, like {@code info}). {@link #pair} matches them by process:
 * a process has at most one operation in flight, so its next completion belongs to its last
 * invocation. Lines that are not part of an operation (nemesis events, {@code lock-lost}) are
 * skipped. Immutable.
 */
public record Operation(HistoryEntry invocation, HistoryEntry completion) {

    /** Every operation of the history, in invocation order. */
    public static List<Operation> pair(List<HistoryEntry> history) {
        Map<Integer, HistoryEntry> pending = new HashMap<>();
        List<Operation> operations = new ArrayList<>();
        for (HistoryEntry entry : history) {
            if (entry.type() == EntryType.NEMESIS || entry.f() == Fn.LOCK_LOST) {
                continue;
            }
            if (entry.type() == EntryType.INVOKE) {
                HistoryEntry unfinished = pending.put(entry.process(), entry);
                if (unfinished != null) {
                    operations.add(new Operation(unfinished, null));
                }
            } else {
                HistoryEntry invocation = pending.remove(entry.process());
                if (invocation != null) {
                    operations.add(new Operation(invocation, entry));
                }
            }
        }
        pending.values().forEach(invocation -> operations.add(new Operation(invocation, null)));
        operations.sort(Comparator.comparingLong(operation -> operation.invocation().index()));
        return operations;
    }

    public Fn f() {
        return invocation.f();
    }

    /** OK, FAIL or INFO; an operation that never completed counts as INFO. */
    public EntryType outcome() {
        return completion == null ? EntryType.INFO : completion.type();
    }

    /** Invocation to completion; null while the operation never completed. */
    public Long latencyNanos() {
        return completion == null ? null : completion.timeNanos() - invocation.timeNanos();
    }
}
