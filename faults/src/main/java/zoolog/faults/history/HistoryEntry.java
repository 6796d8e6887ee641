package zoolog.faults.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of {@code history.jsonl}. {@code index} orders lines as they were recorded and
 * {@code timeNanos} is the monotonic time since the run started. The payload fields are null
 * when they do not apply: {@code key} is the znode path (or, for nemesis lines, the target such as
 * {@code n2} or {@code [1 2] | [3]}), {@code value}/{@code version} the register value and znode
 * version, {@code session} a session id, {@code names} created or listed znode names, and
 * {@code error} the ZooKeeper error code of a failed or unknown completion. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(long index, EntryType type, int process, Fn f, String key, Long value, Long version,
        Long session, List<String> names, String error, long timeNanos) {

    /** The process number of nemesis lines. */
    public static final int NEMESIS_PROCESS = -1;

    public HistoryEntry {
        names = names == null ? null : List.copyOf(names);
    }

    /** An entry with no payload yet; {@link History#record} assigns index and time. */
    public static HistoryEntry of(EntryType type, int process, Fn f) {
        return new HistoryEntry(0, type, process, f, null, null, null, null, null, null, 0);
    }

    public HistoryEntry withKey(String newKey) {
        return new HistoryEntry(index, type, process, f, newKey, value, version, session, names, error, timeNanos);
    }

    public HistoryEntry withValue(Long newValue) {
        return new HistoryEntry(index, type, process, f, key, newValue, version, session, names, error, timeNanos);
    }

    public HistoryEntry withVersion(Long newVersion) {
        return new HistoryEntry(index, type, process, f, key, value, newVersion, session, names, error, timeNanos);
    }

    public HistoryEntry withSession(Long newSession) {
        return new HistoryEntry(index, type, process, f, key, value, version, newSession, names, error, timeNanos);
    }

    public HistoryEntry withNames(List<String> newNames) {
        return new HistoryEntry(index, type, process, f, key, value, version, session, newNames, error, timeNanos);
    }

    public HistoryEntry withError(String newError) {
        return new HistoryEntry(index, type, process, f, key, value, version, session, names, newError, timeNanos);
    }

    public HistoryEntry at(long newIndex, long newTimeNanos) {
        return new HistoryEntry(newIndex, type, process, f, key, value, version, session, names, error, newTimeNanos);
    }

    /** The completion of this invocation with the given type, keeping key and inputs. */
    public HistoryEntry completedAs(EntryType completion) {
        return new HistoryEntry(0, completion, process, f, key, value, version, session, names, error, 0);
    }
}
