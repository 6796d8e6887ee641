package zoolog.faults.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import zoolog.faults.checker.RegisterOp.Kind;
import zoolog.faults.checker.RegisterOp.Outcome;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.history.Operation;

/**
 * Pairs the register workload's invocations with their completions and groups the operations by
 * key (znode path). Each key is an independent register, so each is checked on its own, which
 * keeps the search small (linearizability is compositional). A read that failed, or never
 * completed, is dropped: it changed nothing and observed nothing. A write or cas whose
 * completion is missing (the run ended while it was in flight) is as unknown as an {@code info}.
 */
public final class RegisterOps {

    private RegisterOps() {
    }

    public static SortedMap<String, List<RegisterOp>> byKey(List<HistoryEntry> history) {
        SortedMap<String, List<RegisterOp>> byKey = new TreeMap<>();
        for (Operation operation : Operation.pair(history)) {
            if (isRegister(operation.f())) {
                add(byKey, operation.invocation(), operation.completion());
            }
        }
        return byKey;
    }

    private static boolean isRegister(Fn f) {
        return f == Fn.READ || f == Fn.WRITE || f == Fn.CAS;
    }

    private static void add(Map<String, List<RegisterOp>> byKey, HistoryEntry invoke, HistoryEntry completion) {
        Outcome outcome = completion == null ? Outcome.UNKNOWN : switch (completion.type()) {
            case OK -> Outcome.OK;
            case FAIL -> Outcome.FAIL;
            default -> Outcome.UNKNOWN;
        };
        Kind kind = switch (invoke.f()) {
            case READ -> Kind.READ;
            case WRITE -> Kind.WRITE;
            default -> Kind.CAS;
        };
        if (kind == Kind.READ && outcome != Outcome.OK || kind == Kind.WRITE && outcome == Outcome.FAIL) {
            return;
        }
        List<RegisterOp> ops = byKey.computeIfAbsent(invoke.key(), key -> new ArrayList<>());
        boolean open = outcome == Outcome.UNKNOWN;
        ops.add(new RegisterOp(ops.size(), kind, outcome,
                orZero(invoke.value()), orZero(invoke.version()),
                open ? 0 : orZero(completion.value()), open ? 0 : orZero(completion.version()),
                invoke.index(), open ? RegisterOp.OPEN : completion.index(),
                invoke.timeNanos(), completion == null ? Long.MAX_VALUE : completion.timeNanos()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
