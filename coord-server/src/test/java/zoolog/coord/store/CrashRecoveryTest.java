package zoolog.coord.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real writing process with SIGKILL mid-stream, then checks the promises of the store:
 * every zxid that was acknowledged (its token reported by onDurable) survived, the log is a dense
 * prefix 1..n of what was appended (no holes from a half-written group), and a snapshot install is
 * whole or absent, never a mix of the state before and after it.
 */
class CrashRecoveryTest {
    private static final int ACKS_BEFORE_KILL = 300;
    private static final int INSTALLS_BEFORE_KILL = 50;
    private static final long WAIT_SECONDS_MAX = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedZxidSurvivesKillDashNine() throws Exception {
        Path dataDir = dir.resolve("data");
        Path dataLogDir = dir.resolve("datalog");
        long highestAcked = runAndKill(CrashAppender.class, dataDir, dataLogDir, ACKS_BEFORE_KILL);

        try (CoordStore store = CoordStore.open(dataDir, dataLogDir, zxid -> { })) {
            List<Long> zxids = TestTxns.load(store).zxids();
            assertTrue(zxids.size() >= highestAcked, "log has " + zxids.size() + " txns, " + highestAcked + " were acked");
            for (int i = 0; i < zxids.size(); i++) {
                assertEquals(i + 1, zxids.get(i), "the log is the dense prefix 1.." + zxids.size());
            }
            assertEquals(zxids.size(), store.lastLoggedZxid());
        }
    }

    @Test
    void aSnapshotInstallIsWholeOrAbsentAfterKillDashNine() throws Exception {
        Path dataDir = dir.resolve("data");
        long highestAcked = runAndKill(CrashInstaller.class, dataDir, null, INSTALLS_BEFORE_KILL);

        try (CoordStore store = CoordStore.open(dataDir, null, token -> { })) {
            long zxid = store.materializedZxid();
            long round = zxid / CrashInstaller.ZXIDS_PER_ROUND;
            assertEquals(0, zxid % CrashInstaller.ZXIDS_PER_ROUND, "materialised at an install's zxid");
            assertTrue(round >= highestAcked, "round " + round + " survived, " + highestAcked + " were acked");
            TestTxns.Recorder loaded = TestTxns.load(store);
            assertEquals(CrashInstaller.NODES, loaded.nodes.size());
            for (int i = 0; i < loaded.nodes.size(); i++) {
                assertEquals(TestTxns.node(zxid, Long.toString(round)), loaded.nodes.get(i), loaded.paths.get(i));
            }
            assertEquals(CrashInstaller.SESSIONS, loaded.sessions.size());
            for (var session : loaded.sessions) {
                assertEquals(CrashInstaller.SESSION_TIMEOUT_MILLIS_BASE + round, session.getTimeoutMillis());
            }
            assertTrue(loaded.zxids().equals(List.of()) || loaded.zxids().equals(List.of(zxid + 1)),
                    "log after the install: " + loaded.zxids());
        }
    }

    private static long runAndKill(Class<?> child, Path dataDir, Path dataLogDir, int acksBeforeKill) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, child.getName(), dataDir.toString()));
        if (dataLogDir != null) {
            command.add(dataLogDir.toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BlockingQueue<Long> acks = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readAcks(process, acks), "crash-child-reader");
        reader.start();
        long highestAcked = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS_MAX);
            while (highestAcked < acksBeforeKill) {
                Long ack = acks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (ack == null) {
                    throw new AssertionError("child acknowledged only " + highestAcked + " in time (alive: " + process.isAlive() + ")");
                }
                assertEquals(highestAcked + 1, ack, "acks arrive in order");
                highestAcked = ack;
            }
        } finally {
            process.destroyForcibly();
            assertTrue(process.waitFor(WAIT_SECONDS_MAX, TimeUnit.SECONDS), "child died");
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS_MAX));
        }
        // Acks printed after we stopped counting were just as durable; take them too. A line cut
        // by the kill reads as a prefix of a number, hence never above a real ack: max is safe.
        for (Long ack = acks.poll(); ack != null; ack = acks.poll()) {
            highestAcked = Math.max(highestAcked, ack);
        }
        return highestAcked;
    }

    private static void readAcks(Process child, BlockingQueue<Long> acks) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("ack ")) {
                    acks.add(Long.parseLong(line.substring(4)));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // The child was killed mid-line; what was read before counts.
        }
    }
}
