package zoolog.protocol.coordclient;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@code coord-client-events} thread: it completes request futures and calls watch
 * and connection-state listeners, one at a time, in the order the I/O thread handed them over —
 * so a getData's future completes before the watch it set can fire. Keeping user code off the
 * Netty event loop lets a callback block briefly without stalling pings and replies.
 */
final class CallbackThread {

    /**
     * Callbacks waiting to run. When user code falls this far behind, the I/O thread blocks on
     * the hand-off, which stops reading from the server: backpressure instead of unbounded memory.
     */
    static final int CALLBACKS_QUEUED_MAX = 10_000;
    static final String THREAD_NAME = "coord-client-events";

    private static final Logger LOG = LoggerFactory.getLogger(CallbackThread.class);
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CALLBACKS_QUEUED_MAX);
    private final Thread thread;
    private boolean stopping;

    CallbackThread() {
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a callback; blocks while the queue is full. Once the thread is stopping, callbacks
     * run on the caller instead, so a future failed during close still completes.
     */
    void submit(Runnable callback) {
        synchronized (this) {
            if (!stopping) {
                putUninterruptibly(callback);
                return;
            }
        }
        callback.run();
    }

    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs what is queued, then stops; waits for that unless called from a callback itself. */
    void stop(long waitMillis) throws InterruptedException {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            putUninterruptibly(STOP);
        }
        if (!isCurrentThread()) {
            thread.join(waitMillis);
        }
    }

    private void putUninterruptibly(Runnable callback) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(callback);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            Runnable callback;
            try {
                callback = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (callback == STOP) {
                return;
            }
            try {
                callback.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("coordination client callback failed", e);
            }
        }
    }
}
