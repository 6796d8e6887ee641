package zoolog.faults.checker;

import java.util.List;
import zoolog.faults.history.HistoryEntry;

/**
 * A property checked after the run over the whole recorded history (client operations, nemesis
 * events and the final reads). Checkers are pure functions of the history, so {@code bin/faults
 * check <history.jsonl>} can run them again on a saved run.
 */
public interface Checker {

    /** The name reports use, e.g. {@code linearizable-register}. */
    String name();

    CheckResult check(List<HistoryEntry> history);
}
