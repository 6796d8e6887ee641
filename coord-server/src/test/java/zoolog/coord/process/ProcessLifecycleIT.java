package zoolog.coord.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's life cycle as a user drives it: {@code bin/coord-server start|status|stop} with a
 * zoo.cfg of their own, and real clients in between (the official client, a Curator lock, a
 * four-letter word over a bare socket). The script runs with {@code ZOOLOG_SKIP_BUILD=1}: under
 * {@code mvn verify} the package phase has just built the jar, and a Maven build started from
 * inside the test would race the one running it.
 */
@Tag("it")
class ProcessLifecycleIT {

    /** The script waits up to 60 s for a start by default; this bounds the script as a whole. */
    private static final long SCRIPT_WAIT_SECONDS_MAX = 120;
    private static final int SESSION_TIMEOUT_MILLIS = 30_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 20_000;
    /** Far above any four-letter-word answer. */
    private static final int RESPONSE_BYTES_MAX = 1024 * 1024;

    @TempDir
    Path dir;

    /** What a script run printed (stdout and stderr merged) and how it exited. */
    private record Run(int exitCode, String output) {}

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void startStatusServeStopThroughTheScript() throws Exception {
        Path root = ServerProcess.checkoutRoot();
        assertBuilt(root);
        int port = ServerProcess.freePort();
        Path dataDir = dir.resolve("data");
        Path config = dir.resolve("zoo.cfg");
        Files.write(config, List.of("tickTime=2000", "dataDir=" + dataDir, "clientPort=" + port,
                "4lw.commands.whitelist=*"), UTF_8);
        Path pidFile = dataDir.resolve("zookeeper_server.pid");
        try {
            Run start = script(root, "start", config);
            assertEquals(0, start.exitCode(), start.output());
            assertTrue(start.output().contains("STARTED"), start.output());
            long pid = Long.parseLong(Files.readString(pidFile, UTF_8).strip());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server process " + pid + " runs");

            Run status = script(root, "status", config);
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().lines().anyMatch(line -> line.equals("Mode: standalone")), status.output());

            String connectString = "127.0.0.1:" + port;
            useOfficialClient(connectString);
            useCuratorLock(connectString);
            assertEquals("imok", fourLetterWord(port, "ruok"));

            Run stop = script(root, "stop", config);
            assertEquals(0, stop.exitCode(), stop.output());
            assertTrue(stop.output().contains("STOPPED"), stop.output());
            assertFalse(Files.exists(pidFile), "stop removed the pid file");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server process " + pid + " ended");

            Run after = script(root, "status", config);
            assertNotEquals(0, after.exitCode(), "status of a stopped server fails: " + after.output());
        } finally {
            killLeftover(pidFile);
        }
    }

    private static void assertBuilt(Path root) throws IOException {
        Path target = root.resolve("coord-server").resolve("target");
        boolean jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.anyMatch(p -> p.getFileName().toString().matches("coord-server-.*(?<!-tests|-sources|-javadoc)\\.jar"));
        }
        assertTrue(jar && Files.isDirectory(target.resolve("lib")),
                "coord-server/target has no jar and lib/: run this test through `mvn verify`, whose package phase builds them");
    }

    /** Runs {@code bin/coord-server <verb> <config>} to completion with test-friendly settings. */
    private Run script(Path root, String verb, Path config) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, verb, ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bin").resolve("coord-server").toString(),
                verb, config.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("ZOOLOG_SKIP_BUILD", "1");
        env.put("ZOOLOG_LOG_DIR", dir.resolve("logs").toString());
        env.put("ZOOLOG_JVM_FLAGS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        Process process = builder.start();
        if (!process.waitFor(SCRIPT_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/coord-server " + verb + " did not finish within " + SCRIPT_WAIT_SECONDS_MAX
                    + " s: " + Files.readString(output, UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, UTF_8));
    }

    private static void useOfficialClient(String connectString) throws Exception {
        ZooKeeper zk = StateWatcher.connect(connectString, SESSION_TIMEOUT_MILLIS, new StateWatcher());
        try {
            zk.create("/lifecycle", "v0".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            Stat stat = zk.setData("/lifecycle", "v1".getBytes(UTF_8), 0);
            assertEquals(1, stat.getVersion());
            assertArrayEquals("v1".getBytes(UTF_8), zk.getData("/lifecycle", false, null));
            zk.delete("/lifecycle", 1);
            assertEquals(null, zk.exists("/lifecycle", false));
        } finally {
            zk.close();
        }
    }

    /** One Curator client holds the lock; a second cannot take it until the first lets go. */
    private static void useCuratorLock(String connectString) throws Exception {
        try (CuratorFramework first = curator(connectString); CuratorFramework second = curator(connectString)) {
            InterProcessMutex held = new InterProcessMutex(first, "/locks/lifecycle");
            InterProcessMutex waiting = new InterProcessMutex(second, "/locks/lifecycle");
            assertTrue(held.acquire(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "first client takes the lock");
            assertFalse(waiting.acquire(0, TimeUnit.MILLISECONDS), "the lock is taken");
            held.release();
            assertTrue(waiting.acquire(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "second client takes the freed lock");
            waiting.release();
        }
    }

    private static CuratorFramework curator(String connectString) throws InterruptedException {
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMs(SOCKET_TIMEOUT_MILLIS)
                .retryPolicy(new ExponentialBackoffRetry(50, 10))
                .build();
        curator.start();
        assertTrue(curator.blockUntilConnected(SOCKET_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "Curator connected");
        return curator;
    }

    /** What {@code echo <word> | nc 127.0.0.1 <port>} prints. */
    static String fourLetterWord(int port, String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            socket.getOutputStream().write((word + "\n").getBytes(UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
                assertTrue(answer.size() <= RESPONSE_BYTES_MAX, word + " answered more than " + RESPONSE_BYTES_MAX + " bytes");
            }
            return answer.toString(UTF_8);
        }
    }

    /** If the test failed half-way, ends the server it started (by its recorded pid, nothing else). */
    private static void killLeftover(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile, UTF_8).strip();
        if (!text.matches("[0-9]{1,18}")) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(text));
        if (server.isPresent() && server.get().info().commandLine().orElse("").contains("CoordServerMain")) {
            server.get().destroyForcibly();
            server.get().onExit().orTimeout(ServerProcess.EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS).join();
        }
    }
}
