package zoolog.faults.checker;

/**
 * One register operation of one key, reduced to what the linearizability check needs. Positions
 * are history indices, which order entries exactly as they were recorded: an operation precedes
 * another in real time when its {@code completePosition} is below the other's
 * {@code invokePosition}. An operation whose outcome is unknown has {@link #OPEN} as its completion
 * position: it may take effect at any time after it was invoked, or never.
 *
 * @param argValue       the value a write or cas stores
 * @param argVersion     the version a cas expects
 * @param resultValue    the value a read returned
 * @param resultVersion  the version a read returned, or the new version a write or cas returned
 */
public record RegisterOp(int id, Kind kind, Outcome outcome, long argValue, long argVersion, long resultValue,
        long resultVersion, long invokePosition, long completePosition, long invokeNanos, long completeNanos) {

    /** The completion position of an operation whose outcome is unknown. */
    public static final long OPEN = Long.MAX_VALUE;

    public enum Kind { READ, WRITE, CAS }

    /**
     * {@code OK}: took effect between invocation and completion with the recorded result;
     * {@code FAIL}: a cas answered BADVERSION, so between invocation and completion the version
     * differed from the expected one; {@code UNKNOWN}: see the class comment.
     */
    public enum Outcome { OK, FAIL, UNKNOWN }

    /** The register's state after this operation from {@code state}, or null if the result contradicts it. */
    RegisterState step(RegisterState state) {
        return switch (kind) {
            case READ -> state.value() == resultValue && state.version() == resultVersion ? state : null;
            case WRITE -> outcome == Outcome.UNKNOWN || resultVersion == state.version() + 1
                    ? new RegisterState(argValue, state.version() + 1) : null;
            case CAS -> stepCas(state);
        };
    }

    private RegisterState stepCas(RegisterState state) {
        boolean matches = state.version() == argVersion;
        return switch (outcome) {
            case OK -> matches && resultVersion == argVersion + 1 ? new RegisterState(argValue, argVersion + 1) : null;
            case FAIL -> matches ? null : state;
            case UNKNOWN -> matches ? new RegisterState(argValue, argVersion + 1) : state;
        };
    }

    /** A short form for reports: {@code cas(v3 -> 17) ok v4 [#120..#133]}. */
    public String describe() {
        String call = switch (kind) {
            case READ -> "read()";
            case WRITE -> "write(" + argValue + ")";
            case CAS -> "cas(v" + argVersion + " -> " + argValue + ")";
        };
        String result = switch (outcome) {
            case OK -> kind == Kind.READ ? "ok " + resultValue + "@v" + resultVersion : "ok v" + resultVersion;
            case FAIL -> "fail";
            case UNKNOWN -> "unknown";
        };
        String end = completePosition == OPEN ? "..." : Long.toString(completePosition);
        return call + ' ' + result + " [#" + invokePosition + ".." + end + ']';
    }
}
