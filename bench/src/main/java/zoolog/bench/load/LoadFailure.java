package zoolog.bench.load;

/**
 * A load run that could not be carried out at all — sessions that never connected, a fixture that
 * could not be created — as opposed to operations that failed during the run, which are counted as
 * errors in the result. The message is one line meant for the person running the benchmark.
 */
public final class LoadFailure extends Exception {

    public LoadFailure(String message) {
        super(message);
    }
}
