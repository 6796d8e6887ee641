package zoolog.faults.checker;

/**
 * The model of one register znode: its data (a number) and its data version. Every write or
 * successful cas sets the value and adds one to the version, as {@code setData} does. Immutable.
 */
public record RegisterState(long value, long version) {

    /** Each register znode is created with value 0, so its first state is version 0 holding 0. */
    public static final RegisterState INITIAL = new RegisterState(0, 0);
}
