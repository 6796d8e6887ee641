package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * Checks mutual exclusion of the lock workload (Curator's InterProcessMutex). A client holds the
 * lock from the moment {@code acquire} returned true until the earliest of: it invoked
 * {@code release}, its connection was suspended or lost (a Curator client must then assume the
 * lock is gone, since its session may expire and another client may take it), or the history
 * ended. These recorded intervals lie inside the real ones, so two that overlap are a real
 * violation: two clients both believed, at the same moment, that they held the lock.
 */
public final class LockChecker implements Checker {

    /** One client's hold of the lock, in history positions. */
    record Hold(int process, long from, long until) {
    }

    @Override
    public String name() {
        return "lock-mutual-exclusion";
    }

    @Override
    public CheckResult check(List<HistoryEntry> history) {
        List<Hold> holds = holds(history);
        List<String> problems = new ArrayList<>();
        holds.sort(Comparator.comparingLong(Hold::from));
        Hold longest = null;
        for (Hold hold : holds) {
            if (longest != null && hold.from() < longest.until()) {
                problems.add("process " + hold.process() + " acquired the lock at #" + hold.from()
                        + " while process " + longest.process() + " held it from #" + longest.from()
                        + " until #" + longest.until());
            }
            if (longest == null || hold.until() > longest.until()) {
                longest = hold;
            }
        }
        String summary = holds.size() + " holds";
        if (holds.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, summary, List.of("no client ever acquired the lock"));
        }
        return new CheckResult(name(), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, summary, problems);
    }

    static List<Hold> holds(List<HistoryEntry> history) {
        Map<Integer, Long> heldSince = new HashMap<>();
        List<Hold> holds = new ArrayList<>();
        for (HistoryEntry entry : history) {
            boolean acquired = entry.f() == Fn.ACQUIRE && entry.type() == EntryType.OK;
            boolean ends = entry.f() == Fn.RELEASE && entry.type() == EntryType.INVOKE || entry.f() == Fn.LOCK_LOST;
            if (acquired) {
                heldSince.put(entry.process(), entry.index());
            } else if (ends) {
                Long since = heldSince.remove(entry.process());
                if (since != null) {
                    holds.add(new Hold(entry.process(), since, entry.index()));
                }
            }
        }
        long end = history.isEmpty() ? 0 : history.get(history.size() - 1).index() + 1;
        heldSince.forEach((process, since) -> holds.add(new Hold(process, since, end)));
        return holds;
    }
}
