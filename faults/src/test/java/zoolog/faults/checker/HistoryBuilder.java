package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/** Writes small histories for checker tests, one line per call, numbering entries in call order. */
final class HistoryBuilder {

    private final List<HistoryEntry> entries = new ArrayList<>();

    HistoryBuilder add(EntryType type, int process, Fn f, UnaryOperator<HistoryEntry> payload) {
        entries.add(payload.apply(HistoryEntry.of(type, process, f)).at(entries.size(), entries.size() * 1000L));
        return this;
    }

    HistoryBuilder add(EntryType type, int process, Fn f) {
        return add(type, process, f, entry -> entry);
    }

    List<HistoryEntry> build() {
        return List.copyOf(entries);
    }
}
