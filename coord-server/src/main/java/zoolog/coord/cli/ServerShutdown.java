package zoolog.coord.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a running server and removes its pid file, exactly once, whichever thread gets there
 * first: the main thread after a clean {@code awaitTermination}, or the JVM's shutdown-hook thread
 * on SIGTERM/Ctrl-C. Doing both steps in one place means a killed server never leaves a pid file
 * that points at a dead (or worse, reused) process id.
 */
final class ServerShutdown implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ServerShutdown.class);

    private final RunningServer server;
    private final PidFile pidFile;
    private final long pid;
    private final AtomicBoolean done = new AtomicBoolean();

    ServerShutdown(RunningServer server, PidFile pidFile, long pid) {
        this.server = server;
        this.pidFile = pidFile;
        this.pid = pid;
    }

    @Override
    public void run() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("Closing the coordination server failed", e);
        }
        try {
            pidFile.deleteIfOwnedBy(pid);
        } catch (Exception e) {
            log.warn("Could not delete pid file {}", pidFile.path(), e);
        }
        log.info("Coordination server stopped");
    }
}
