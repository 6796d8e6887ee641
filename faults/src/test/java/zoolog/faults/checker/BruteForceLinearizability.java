package zoolog.faults.checker;

import java.util.List;

/**
 * The obviously correct linearizability check the Wing–Gong search is tested against: try every
 * order of the operations that respects real time, where an operation with an unknown outcome may
 * also be left out (it never took effect), and see whether any order explains every result. No
 * memo, no pruning beyond real-time order; exponential, so only for histories of a few operations.
 */
final class BruteForceLinearizability {

    private BruteForceLinearizability() {
    }

    static boolean isLinearizable(List<RegisterOp> ops) {
        return search(ops, new boolean[ops.size()], RegisterState.INITIAL);
    }

    private static boolean search(List<RegisterOp> ops, boolean[] placed, RegisterState state) {
        boolean definiteLeft = false;
        for (int i = 0; i < ops.size(); i++) {
            if (!placed[i] && ops.get(i).outcome() != RegisterOp.Outcome.UNKNOWN) {
                definiteLeft = true;
            }
        }
        if (!definiteLeft) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || mustWait(ops, placed, i)) {
                continue;
            }
            RegisterState after = ops.get(i).step(state);
            if (after == null) {
                continue;
            }
            placed[i] = true;
            boolean found = search(ops, placed, after);
            placed[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Whether an unplaced operation completed before operation {@code i} was invoked, so it must come first. */
    private static boolean mustWait(List<RegisterOp> ops, boolean[] placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (j != i && !placed[j] && ops.get(j).completePosition() < ops.get(i).invokePosition()) {
                return true;
            }
        }
        return false;
    }
}
