package zoolog.faults.checker;

import java.util.List;

/**
 * What one checker concluded: its verdict, a one-line summary with the counts it looked at, and
 * at most {@link #DETAILS_MAX} lines naming the operations behind a failure. Immutable.
 */
public record CheckResult(String checker, Verdict verdict, String summary, List<String> details) {

    /** Enough lines to show a failure; a broken run could otherwise list thousands. */
    public static final int DETAILS_MAX = 20;

    public CheckResult {
        details = List.copyOf(details.subList(0, Math.min(details.size(), DETAILS_MAX)));
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
