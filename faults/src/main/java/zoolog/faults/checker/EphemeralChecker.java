package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * Checks the ephemeral workload: every session that created ephemeral znodes was later closed or
 * cut off and left to expire, and once the cluster healed and the expiry time passed, the final
 * listing of the parent (full paths) must be empty. The workload names each ephemeral itself, so a
 * create whose outcome is unknown still names its path and session. A leftover znode is reported with the session that
 * created it and how that session ended; a session that never ended is a harness fault, reported
 * as UNKNOWN rather than blamed on the server.
 */
public final class EphemeralChecker implements Checker {

    private final String parentPath;

    public EphemeralChecker(String parentPath) {
        this.parentPath = parentPath;
    }

    @Override
    public String name() {
        return "ephemerals-expire";
    }

    @Override
    public CheckResult check(List<HistoryEntry> history) {
        Map<String, Long> ownerByName = new HashMap<>();
        Map<Long, Fn> endBySession = new HashMap<>();
        Optional<HistoryEntry> listing = Optional.empty();
        int created = 0;
        for (HistoryEntry entry : history) {
            if (entry.f() == Fn.CREATE_EPHEMERAL && entry.type() == EntryType.INVOKE && entry.session() != null) {
                ownerByName.put(entry.key(), entry.session());
            } else if (entry.f() == Fn.CREATE_EPHEMERAL && entry.type() == EntryType.OK) {
                created++;
            } else if ((entry.f() == Fn.CLOSE_SESSION || entry.f() == Fn.ABANDON_SESSION)
                    && entry.type() != EntryType.INVOKE && entry.session() != null) {
                endBySession.put(entry.session(), entry.f());
            } else if (entry.f() == Fn.LIST && entry.type() == EntryType.OK && parentPath.equals(entry.key())) {
                listing = Optional.of(entry);
            }
        }
        String summary = created + " ephemerals created by " + endBySession.size() + " ended sessions";
        if (listing.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, summary, List.of("no final listing of " + parentPath));
        }
        List<String> problems = new ArrayList<>();
        List<String> unended = new ArrayList<>();
        for (String path : listing.get().names()) {
            Long owner = ownerByName.get(path);
            Fn end = owner == null ? null : endBySession.get(owner);
            if (owner != null && end == null) {
                unended.add(path + " belongs to session 0x" + Long.toHexString(owner) + ", which the harness never ended");
            } else {
                problems.add(path + " is still there; its session " + (owner == null ? "(unknown: no create of this path was recorded)"
                        : "0x" + Long.toHexString(owner) + " ended by " + end.jsonName()));
            }
        }
        if (!problems.isEmpty()) {
            problems.addAll(unended);
            return new CheckResult(name(), Verdict.FAIL, summary, problems);
        }
        return new CheckResult(name(), unended.isEmpty() ? Verdict.PASS : Verdict.UNKNOWN, summary, unended);
    }
}
