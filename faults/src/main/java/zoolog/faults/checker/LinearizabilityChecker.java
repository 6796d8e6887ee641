package zoolog.faults.checker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zoolog.faults.history.HistoryEntry;

/**
 * Checks that the register operations on each key are linearizable: that there is one total
 * order of them, consistent with real time (an operation that completed before another was
 * invoked comes first), in which every operation's result is what a single register would have
 * answered. The search is Wing and Gong's (1993): walk the invocation and completion events in time
 * order, tentatively linearize a pending operation whose result fits the model, and backtrack when
 * a completion is reached whose operation could not be placed. Lowe's memoisation (2017) prunes a
 * branch when the same set of linearized operations was already reached in the same register state.
 * An operation with an unknown outcome completes "at infinity", so it stays a candidate until the end;
 * the search succeeds once every operation with a known outcome is placed, and it never places an
 * unknown operation where it would change nothing (a cas whose version does not match): that is the
 * same as the operation never having happened, and trying it would only multiply the memo entries.
 * Each key gets at most {@code stepsMax} steps; past that the verdict is UNKNOWN, not a guess.
 */
public final class LinearizabilityChecker implements Checker {

    /** Linearizable histories need about one step per operation; the memo table bounds memory at this. */
    public static final long STEPS_MAX_DEFAULT = 5_000_000;

    private final long stepsMax;

    public LinearizabilityChecker(long stepsMax) {
        this.stepsMax = stepsMax;
    }

    public LinearizabilityChecker() {
        this(STEPS_MAX_DEFAULT);
    }

    /** The outcome for one key: linearizable or not, or undecided within the budget, with a reason. */
    public record KeyResult(Verdict verdict, long steps, String reason) {
    }

    @Override
    public String name() {
        return "linearizable-register";
    }

    @Override
    public CheckResult check(List<HistoryEntry> history) {
        Map<String, List<RegisterOp>> byKey = RegisterOps.byKey(history);
        Verdict verdict = Verdict.PASS;
        List<String> details = new ArrayList<>();
        int ops = 0;
        int unknown = 0;
        for (Map.Entry<String, List<RegisterOp>> key : byKey.entrySet()) {
            KeyResult result = checkKey(key.getValue());
            verdict = verdict.and(result.verdict());
            ops += key.getValue().size();
            unknown += (int) key.getValue().stream().filter(op -> op.outcome() == RegisterOp.Outcome.UNKNOWN).count();
            if (result.verdict() != Verdict.PASS) {
                details.add(key.getKey() + ": " + result.verdict() + " - " + result.reason());
            }
        }
        if (byKey.isEmpty()) {
            verdict = Verdict.UNKNOWN;
            details.add("the history holds no register operations");
        }
        String summary = byKey.size() + " keys, " + ops + " operations (" + unknown + " with unknown outcome)";
        return new CheckResult(name(), verdict, summary, details);
    }

    /** Whether one key's operations, all starting from {@link RegisterState#INITIAL}, are linearizable. */
    public KeyResult checkKey(List<RegisterOp> ops) {
        return new Search(ops, stepsMax).run();
    }

    /** One event of the doubly linked list the search walks and splices. */
    private static final class Event {
        final RegisterOp op;
        final boolean isCall;
        Event match;
        Event prev;
        Event next;

        Event(RegisterOp op, boolean isCall) {
            this.op = op;
            this.isCall = isCall;
        }

        long position() {
            return isCall ? op.invokePosition() : op.completePosition();
        }
    }

    private record Frame(Event call, RegisterState stateBefore) {
    }

    private record Memo(BitSet linearized, RegisterState state) {
    }

    /** The state of one search; used once, by one thread. */
    private static final class Search {
        private final Event head = new Event(null, true);
        private final int opCount;
        private final long stepsMax;
        private int definiteLeft;

        Search(List<RegisterOp> ops, long stepsMax) {
            this.opCount = ops.size();
            this.stepsMax = stepsMax;
            List<Event> events = new ArrayList<>();
            for (RegisterOp op : ops) {
                if (op.outcome() != RegisterOp.Outcome.UNKNOWN) {
                    definiteLeft++;
                }
                Event call = new Event(op, true);
                Event ret = new Event(op, false);
                call.match = ret;
                ret.match = call;
                events.add(call);
                events.add(ret);
            }
            // Positions are distinct history indices; unknown completions are all OPEN, ordered by op id.
            events.sort(Comparator.comparingLong(Event::position).thenComparingInt(e -> e.op.id()));
            Event last = head;
            for (Event event : events) {
                last.next = event;
                event.prev = last;
                last = event;
            }
        }

        KeyResult run() {
            Deque<Frame> stack = new ArrayDeque<>();
            Set<Memo> seen = new HashSet<>();
            BitSet linearized = new BitSet(opCount);
            RegisterState state = RegisterState.INITIAL;
            Event stuckAt = null;
            int mostLinearized = 0;
            long steps = 0;
            Event event = head.next;
            while (definiteLeft > 0) {
                if (++steps > stepsMax) {
                    return new KeyResult(Verdict.UNKNOWN, steps, "search budget of " + stepsMax + " steps used up after "
                            + mostLinearized + " of " + opCount + " operations");
                }
                if (event.isCall) {
                    RegisterState after = event.op.step(state);
                    boolean unknown = event.op.outcome() == RegisterOp.Outcome.UNKNOWN;
                    if (after != null && !(unknown && after.equals(state))) {
                        BitSet candidate = (BitSet) linearized.clone();
                        candidate.set(event.op.id());
                        if (seen.add(new Memo(candidate, after))) {
                            stack.push(new Frame(event, state));
                            state = after;
                            linearized = candidate;
                            definiteLeft -= unknown ? 0 : 1;
                            lift(event);
                            event = head.next;
                            continue;
                        }
                    }
                    event = event.next;
                } else {
                    if (linearized.cardinality() >= mostLinearized) {
                        mostLinearized = linearized.cardinality();
                        stuckAt = event;
                    }
                    if (stack.isEmpty()) {
                        return new KeyResult(Verdict.FAIL, steps, "not linearizable: after " + mostLinearized + " of "
                                + opCount + " operations no order explains " + stuckAt.op.describe());
                    }
                    Frame frame = stack.pop();
                    state = frame.stateBefore();
                    definiteLeft += frame.call().op.outcome() == RegisterOp.Outcome.UNKNOWN ? 0 : 1;
                    linearized.clear(frame.call().op.id());
                    unlift(frame.call());
                    event = frame.call().next;
                }
            }
            return new KeyResult(Verdict.PASS, steps, "linearizable");
        }

        /** Takes a linearized operation's call and completion out of the list. */
        private static void lift(Event call) {
            call.prev.next = call.next;
            if (call.next != null) {
                call.next.prev = call.prev;
            }
            Event ret = call.match;
            ret.prev.next = ret.next;
            if (ret.next != null) {
                ret.next.prev = ret.prev;
            }
        }

        /** Puts them back, in the reverse order of {@link #lift}. */
        private static void unlift(Event call) {
            Event ret = call.match;
            ret.prev.next = ret;
            if (ret.next != null) {
                ret.next.prev = ret;
            }
            call.prev.next = call;
            if (call.next != null) {
                call.next.prev = call;
            }
        }
    }
}
