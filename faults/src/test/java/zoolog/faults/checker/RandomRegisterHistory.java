package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/**
 * Generates a random history of one register that is linearizable by construction: a few
 * processes invoke reads, writes and cases, each operation takes effect on a real register at a
 * random moment between its invocation and completion, and some writes end with an unknown
 * outcome, either having taken effect or not (and possibly taking effect after the client gave
 * up). {@link #corruptOne} then changes one result, which may or may not break linearizability.
 */
final class RandomRegisterHistory {

    static final String KEY = "/k";
    private static final int PROCESSES = 3;

    /** One process's operation in flight. */
    private static final class InFlight {
        final HistoryEntry invocation;
        HistoryEntry completion;
        boolean applied;

        InFlight(HistoryEntry invocation) {
            this.invocation = invocation;
        }
    }

    private final Random random;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private RegisterState state = RegisterState.INITIAL;
    private long nextValue = 1;
    private int nextProcess = PROCESSES;

    private RandomRegisterHistory(Random random) {
        this.random = random;
    }

    static List<HistoryEntry> linearizable(Random random, int operations) {
        return new RandomRegisterHistory(random).generate(operations);
    }

    private List<HistoryEntry> generate(int operations) {
        InFlight[] processes = new InFlight[PROCESSES];
        int[] processIds = {0, 1, 2};
        List<InFlight> ghosts = new ArrayList<>();
        int started = 0;
        while (started < operations || anyBusy(processes) || !ghosts.isEmpty()) {
            int slot = random.nextInt(PROCESSES);
            InFlight op = processes[slot];
            if (random.nextInt(8) == 0 && !ghosts.isEmpty()) {
                InFlight ghost = ghosts.remove(random.nextInt(ghosts.size()));
                if (random.nextBoolean()) {
                    apply(ghost);
                }
            } else if (op == null) {
                if (started < operations) {
                    processes[slot] = new InFlight(record(invocation(processIds[slot])));
                    started++;
                }
            } else if (!op.applied && random.nextInt(6) == 0 && op.invocation.f() != Fn.READ) {
                record(op.invocation.completedAs(EntryType.INFO));
                ghosts.add(op);
                processes[slot] = null;
                processIds[slot] = nextProcess++;
            } else if (!op.applied) {
                apply(op);
            } else {
                boolean unknown = op.invocation.f() != Fn.READ && random.nextInt(6) == 0;
                record(unknown ? op.invocation.completedAs(EntryType.INFO) : op.completion);
                processes[slot] = null;
                if (unknown) {
                    processIds[slot] = nextProcess++;
                }
            }
        }
        return entries;
    }

    private static boolean anyBusy(InFlight[] processes) {
        for (InFlight op : processes) {
            if (op != null) {
                return true;
            }
        }
        return false;
    }

    private HistoryEntry invocation(int process) {
        int roll = random.nextInt(3);
        HistoryEntry base = HistoryEntry.of(EntryType.INVOKE, process, roll == 0 ? Fn.READ : roll == 1 ? Fn.WRITE : Fn.CAS)
                .withKey(KEY);
        if (roll == 0) {
            return base;
        }
        base = base.withValue(nextValue++);
        return roll == 1 ? base : base.withVersion(Math.max(0, state.version() - 1 + random.nextInt(3)));
    }

    /** The operation takes effect now on the real register, and its result is fixed. */
    private void apply(InFlight op) {
        HistoryEntry in = op.invocation;
        op.applied = true;
        switch (in.f()) {
            case READ -> op.completion = in.completedAs(EntryType.OK).withValue(state.value()).withVersion(state.version());
            case WRITE -> {
                state = new RegisterState(in.value(), state.version() + 1);
                op.completion = in.completedAs(EntryType.OK).withVersion(state.version());
            }
            default -> {
                if (state.version() == in.version()) {
                    state = new RegisterState(in.value(), state.version() + 1);
                    op.completion = in.completedAs(EntryType.OK).withVersion(state.version());
                } else {
                    op.completion = in.completedAs(EntryType.FAIL).withError("BADVERSION");
                }
            }
        }
    }

    private HistoryEntry record(HistoryEntry entry) {
        HistoryEntry stamped = entry.at(entries.size(), entries.size());
        entries.add(stamped);
        return stamped;
    }

    /** The history with one ok or fail completion's result changed. */
    static List<HistoryEntry> corruptOne(List<HistoryEntry> history, Random random) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            EntryType type = history.get(i).type();
            if (type == EntryType.OK || type == EntryType.FAIL) {
                candidates.add(i);
            }
        }
        if (candidates.isEmpty()) {
            return history;
        }
        int target = candidates.get(random.nextInt(candidates.size()));
        HistoryEntry entry = history.get(target);
        HistoryEntry changed = switch (entry.f()) {
            case READ -> random.nextBoolean() ? entry.withValue(entry.value() + 1) : entry.withVersion(entry.version() + 1);
            case WRITE -> entry.withVersion(entry.version() + 1);
            default -> entry.type() == EntryType.OK
                    ? new HistoryEntry(entry.index(), EntryType.FAIL, entry.process(), entry.f(), entry.key(),
                            entry.value(), entry.version(), null, null, "BADVERSION", entry.timeNanos())
                    : new HistoryEntry(entry.index(), EntryType.OK, entry.process(), entry.f(), entry.key(),
                            entry.value(), entry.version() + 1, null, null, null, entry.timeNanos());
        };
        List<HistoryEntry> copy = new ArrayList<>(history);
        copy.set(target, changed);
        return copy;
    }
}
