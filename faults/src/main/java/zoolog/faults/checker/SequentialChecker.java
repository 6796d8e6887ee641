package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * Checks the sequential workload: concurrent PERSISTENT_SEQUENTIAL creates under one parent. A
 * server numbers them from the parent's child version, which every committed create raises by
 * one, and the workload never deletes, so after the run the children must carry exactly the
 * numbers 0..n-1 (unique and gapless). Every create acknowledged to a client must be among them
 * (no lost writes), no two clients may have been handed the same name, and there can be no more
 * children than creates that were acknowledged or left with an unknown outcome (no phantoms).
 */
public final class SequentialChecker implements Checker {

    /** ZooKeeper appends the sequence number as ten zero-padded digits. */
    static final int SEQUENCE_DIGITS = 10;

    private final String parentPath;

    public SequentialChecker(String parentPath) {
        this.parentPath = parentPath;
    }

    @Override
    public String name() {
        return "sequential-unique-gapless";
    }

    @Override
    public CheckResult check(List<HistoryEntry> history) {
        List<String> acknowledged = new ArrayList<>();
        int unknown = 0;
        Optional<HistoryEntry> listing = Optional.empty();
        for (HistoryEntry entry : history) {
            if (entry.f() == Fn.CREATE_SEQUENTIAL && entry.type() == EntryType.OK && entry.names() != null) {
                acknowledged.addAll(entry.names());
            } else if (entry.f() == Fn.CREATE_SEQUENTIAL && entry.type() == EntryType.INFO) {
                unknown++;
            } else if (entry.f() == Fn.LIST && entry.type() == EntryType.OK && parentPath.equals(entry.key())) {
                listing = Optional.of(entry);
            }
        }
        String counts = acknowledged.size() + " acknowledged creates, " + unknown + " with unknown outcome";
        if (listing.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, counts, List.of("no final listing of " + parentPath));
        }
        List<String> children = listing.get().names();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : acknowledged) {
            if (!seen.add(name)) {
                problems.add("two clients were handed the same name " + name);
            }
        }
        Set<String> present = new HashSet<>(children);
        for (String name : seen) {
            if (!present.contains(name)) {
                problems.add("acknowledged create " + name + " is missing from the final listing (lost)");
            }
        }
        TreeSet<Long> numbers = new TreeSet<>();
        for (String child : children) {
            sequenceNumber(child).ifPresentOrElse(number -> {
                if (!numbers.add(number)) {
                    problems.add("sequence number " + number + " appears twice");
                }
            }, () -> problems.add("child " + child + " has no sequence number"));
        }
        for (long expected = 0; expected < children.size(); expected++) {
            if (!numbers.contains(expected)) {
                problems.add("sequence number " + expected + " is missing (gap)");
            }
        }
        if (children.size() > acknowledged.size() + unknown) {
            problems.add(children.size() + " children but only " + (acknowledged.size() + unknown)
                    + " creates could have made them (phantom creates)");
        }
        String summary = counts + ", " + children.size() + " children at the end";
        return new CheckResult(name(), problems.isEmpty() ? Verdict.PASS : Verdict.FAIL, summary, problems);
    }

    /** The number a sequential znode's name ends with, if it ends with ten digits. */
    static Optional<Long> sequenceNumber(String name) {
        if (name.length() < SEQUENCE_DIGITS) {
            return Optional.empty();
        }
        String digits = name.substring(name.length() - SEQUENCE_DIGITS);
        if (!digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
