package zoolog.faults.cli;

import zoolog.faults.checker.Verdict;

/** The command's exit status: 0 when every checker passed, 1 when one failed, 3 when one could not decide; 2 is a usage error (picocli's). */
final class ExitCodes {

    static final int FAIL = 1;
    static final int UNKNOWN = 3;

    private ExitCodes() {
    }

    static int of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> 0;
            case FAIL -> FAIL;
            case UNKNOWN -> UNKNOWN;
        };
    }
}
