package zoolog.coord.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerShutdownTest {

    @TempDir
    Path tmp;

    @Test
    void closesOnceAndRemovesItsOwnPidFile() throws IOException {
        AtomicInteger closes = new AtomicInteger();
        PidFile pidFile = new PidFile(tmp.resolve("zookeeper_server.pid"));
        pidFile.write(42);
        ServerShutdown shutdown = new ServerShutdown(server(closes), pidFile, 42);
        shutdown.run();
        shutdown.run();
        assertEquals(1, closes.get());
        assertFalse(Files.exists(pidFile.path()));
    }

    @Test
    void leavesAnotherProcesssPidFileAlone() throws IOException {
        PidFile pidFile = new PidFile(tmp.resolve("zookeeper_server.pid"));
        pidFile.write(7);
        new ServerShutdown(server(new AtomicInteger()), pidFile, 42).run();
        assertEquals(OptionalLong.of(7), pidFile.read());
    }

    @Test
    void pidFileReadIgnoresGarbage() throws IOException {
        PidFile pidFile = new PidFile(tmp.resolve("zookeeper_server.pid"));
        assertTrue(pidFile.read().isEmpty());
        Files.writeString(pidFile.path(), "not a pid");
        assertTrue(pidFile.read().isEmpty());
        assertTrue(pidFile.livePid().isEmpty());
        Files.writeString(pidFile.path(), ProcessHandle.current().pid() + "\n");
        assertTrue(pidFile.livePid().isEmpty(), "our own pid in the file is a stale file from a previous run");
    }

    private static RunningServer server(AtomicInteger closes) {
        return new RunningServer() {
            @Override
            public void awaitTermination() {}

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
    }
}
