package zoolog.coord.net;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import zoolog.coord.core.CoreInput;
import zoolog.coord.core.CoreView;

/**
 * How the network threads reach the single-threaded coordination core: inputs go into its bounded
 * inbox, and questions about its state run on the core thread and answer through a future. The
 * node's core loop implements it; tests use a fake that steps a fake core inline.
 */
public interface CoreGateway {

    /**
     * Enqueues an input, blocking the calling thread while the inbox is full (that wait is the
     * backpressure that stops a Netty thread from reading more frames). Returns false when the core
     * has stopped, in which case the caller should close its connection.
     */
    boolean submit(CoreInput input);

    /**
     * Runs {@code question} on the core thread between two inputs. The future fails when the core
     * has stopped or {@code question} throws; callers must copy what they need out of the view.
     * It completes on the core thread, so continuations that do real work should be attached
     * with an executor ({@code thenApplyAsync(fn, eventLoop)}) to keep them off that thread.
     */
    <T> CompletableFuture<T> query(Function<CoreView, T> question);
}
