package zoolog.faults.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What one history line records. A client operation is two lines: its {@link #INVOKE} and then
 * exactly one completion from the same process: {@link #OK} (it took effect, with its result),
 * {@link #FAIL} (it certainly did not take effect) or {@link #INFO} (the outcome is unknown: it may
 * have taken effect at any time after its invocation, or never). {@link #NEMESIS} lines record a
 * fault being injected or healed. These are Jepsen's names, so histories read the same way.
 */
public enum EntryType {
    INVOKE, OK, FAIL, INFO, NEMESIS;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EntryType fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public boolean isCompletion() {
        return this == OK || this == FAIL || this == INFO;
    }
}
