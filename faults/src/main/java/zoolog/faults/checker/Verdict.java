package zoolog.faults.checker;

/**
 * A checker's answer. {@link #UNKNOWN} means the checker could not decide: the history lacks what
 * it needs (no final listing was read) or the search ran out of its budget. Only {@link #PASS} counts
 * as a pass; the command line exits non-zero on anything else.
 */
public enum Verdict {
    PASS, FAIL, UNKNOWN;

    /** The worse of two verdicts: FAIL over UNKNOWN over PASS. */
    public Verdict and(Verdict other) {
        if (this == FAIL || other == FAIL) {
            return FAIL;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : PASS;
    }
}
