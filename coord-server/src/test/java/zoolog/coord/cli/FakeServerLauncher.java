package zoolog.coord.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import zoolog.coord.config.CoordConfig;

/**
 * A launcher registered in the test {@code META-INF/services} file. Its server "runs" only for
 * the duration of {@code awaitTermination}, where it records what the pid file held at that
 * moment, then terminates at once, so start-foreground's whole lifecycle runs in one call.
 */
public final class FakeServerLauncher implements ServerLauncher {

    static volatile CoordConfig lastConfig;
    static volatile String pidFileWhileRunning;
    static final AtomicInteger closes = new AtomicInteger();

    static void reset() {
        lastConfig = null;
        pidFileWhileRunning = null;
        closes.set(0);
    }

    @Override
    public RunningServer start(CoordConfig config) {
        lastConfig = config;
        return new RunningServer() {
            @Override
            public void awaitTermination() {
                Path pidFile = config.pidFile();
                try {
                    pidFileWhileRunning = Files.exists(pidFile) ? Files.readString(pidFile).strip() : null;
                } catch (java.io.IOException e) {
                    pidFileWhileRunning = "unreadable: " + e;
                }
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
    }
}
