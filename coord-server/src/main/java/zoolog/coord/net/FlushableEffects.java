package zoolog.coord.net;

import zoolog.coord.core.CoreEffects;

/**
 * Core effects that are buffered during a batch of inputs and pushed out together. The core loop
 * calls {@link #flush()} on the core thread after every batch, so a burst of replies to one client
 * costs one socket write instead of one per reply.
 */
public interface FlushableEffects extends CoreEffects {

    /** Hands everything buffered since the last flush to the network and the store. */
    void flush();
}
