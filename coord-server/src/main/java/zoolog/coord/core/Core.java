package zoolog.coord.core;

/**
 * The coordination core as its driver sees it: inputs in, effects out (through the
 * {@link CoreEffects} it was built with), and a read-only view for admin commands. The driver
 * calls both methods from one thread only.
 */
public interface Core {

    void step(long nowMillis, CoreInput input);

    CoreView view();
}
