package zoolog.coord.core;

/**
 * The coordination core as its driver sees it: one entry point for inputs and a read-only view for
 * the four-letter words. The core loop calls both on its single thread, so implementations need no
 * locks; effects of a step go to the {@link CoreEffects} the implementation was built with.
 */
public interface Core {

    /** Handles one input at {@code nowMillis}, read once by the loop from its injected clock. */
    void step(long nowMillis, CoreInput input);

    /** The current state, valid only on the core thread and only until the next step. */
    CoreView view();
}
