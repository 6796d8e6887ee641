package zoolog.coord.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import zoolog.coord.cli.CoordServerMain;

/**
 * A Zoolog coordination server running as a separate JVM ({@code coord-server start-foreground
 * <zoo.cfg>}), started from the test's own class path minus the test classes, so the child is
 * the production server with its own data directory and a free port. Restarts reuse both, which
 * is what a crash test needs: {@link #kill()} sends SIGKILL, {@link #start()} recovers from
 * whatever the killed process left on disk. Driven from the JUnit thread only.
 */
final class ServerProcess implements AutoCloseable {

    /** How long a start may take (JVM start, RocksDB open, recovery) before the test gives up. */
    static final long START_WAIT_SECONDS_MAX = 60;
    /** How long a killed or stopped process may take to disappear. */
    static final long EXIT_WAIT_SECONDS_MAX = 30;
    /** Pause between two looks at the pid file while a start is under way. */
    private static final long START_POLL_MILLIS = 20;
    /** Lines of the server's output quoted when it fails to start. */
    private static final int LOG_TAIL_LINES_MAX = 40;
    /** Exit status of a JVM ended by SIGKILL (128 + 9). */
    static final int SIGKILL_EXIT_STATUS = 137;
    /** Keeps the child light on a 2-core machine: small heap, no C2 compiler threads competing. */
    private static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private static final Set<Integer> PORTS_HANDED_OUT = new HashSet<>();

    private final Path dir;
    private final Path configFile;
    private final Path pidFile;
    private final Path logFile;
    private final int clientPort;
    private final List<String> jvmProperties = new ArrayList<>();
    private Process process;
    private int starts;

    private ServerProcess(Path dir, Path configFile, int clientPort) {
        this.dir = dir;
        this.configFile = configFile;
        this.pidFile = dir.resolve("data").resolve("zookeeper_server.pid");
        this.logFile = dir.resolve("server.out");
        this.clientPort = clientPort;
    }

    /**
     * Writes {@code dir/zoo.cfg} (data under {@code dir/data}, a free port on 127.0.0.1, every
     * four-letter word allowed) followed by {@code extraLines}; does not start anything yet.
     */
    static ServerProcess configure(Path dir, List<String> extraLines) throws IOException {
        int port = freePort();
        List<String> lines = new ArrayList<>(List.of(
                "dataDir=" + dir.resolve("data"),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "4lw.commands.whitelist=*"));
        lines.addAll(extraLines);
        Files.createDirectories(dir);
        Path config = dir.resolve("zoo.cfg");
        Files.write(config, lines, StandardCharsets.UTF_8);
        return new ServerProcess(dir, config, port);
    }

    /**
     * A port nothing listens on now and that this JVM has not handed out before. The kernel
     * readily gives a just-closed ephemeral port back to the next probe, so without the memory an
     * ensemble's config could list one port twice.
     */
    static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket probe = new ServerSocket(0)) {
                if (PORTS_HANDED_OUT.add(probe.getLocalPort())) {
                    return probe.getLocalPort();
                }
            }
        }
    }

    /** The checkout root: tests run in {@code coord-server/}, whose parent holds {@code bin/} and {@code conf/}. */
    static Path checkoutRoot() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        assertTrue(root != null && Files.isRegularFile(root.resolve("bin").resolve("coord-server")),
                "tests must run in coord-server/ of a checkout, ran in " + module);
        return root;
    }

    String connectString() {
        return "127.0.0.1:" + clientPort;
    }

    int clientPort() {
        return clientPort;
    }

    long pid() {
        return process.pid();
    }

    /** Adds a {@code -Dname=value} to the server's JVM command line from the next start on. */
    void setJvmProperty(String name, String value) {
        jvmProperties.add("-D" + name + "=" + value);
    }

    /** SIGSTOP: the process freezes with its sockets open, as under a long GC pause or a hung disk. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " failed");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts the server JVM and returns once it serves (its pid file names it). */
    void start() throws IOException, InterruptedException {
        assertTrue(process == null || !process.isAlive(), "the previous server process is still running");
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(jvmProperties);
        Path logback = checkoutRoot().resolve("conf").resolve("logback.xml");
        if (Files.isRegularFile(logback)) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", serverClassPath(), CoordServerMain.class.getName(),
                "start-foreground", configFile.toString()));
        Files.writeString(logFile, "---- start " + starts + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        awaitServing();
    }

    private void awaitServing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS_MAX);
        String expected = Long.toString(process.pid());
        while (!expected.equals(pidInFile())) {
            if (System.nanoTime() > deadline) {
                fail("server process " + expected + " did not write its pid file within " + START_WAIT_SECONDS_MAX
                        + " s; output:\n" + logTail());
            }
            // Waiting on the process doubles as the pause between looks and notices an early exit.
            if (process.waitFor(START_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                fail("server process exited with " + process.exitValue() + " while starting; output:\n" + logTail());
            }
        }
    }

    private String pidInFile() throws IOException {
        try {
            return Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS), "killed server did not exit");
        assertEquals(SIGKILL_EXIT_STATUS, process.exitValue(), "the server died of SIGKILL, not of something else");
    }

    /** The last lines the server printed, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES_MAX), lines.size()).stream()
                    .map(line -> "    " + line).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "    (no output: " + e.getMessage() + ")";
        }
    }

    /** Whether the server printed a line containing {@code text} since it was last started. */
    boolean loggedSinceStart(String text) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && !lines.get(i).startsWith("---- start "); i--) {
                if (lines.get(i).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last line of the server's output that contains {@code text}, or "" if none does. */
    String lastLogLine(String text) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains(text)) {
                    return lines.get(i);
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The test's class path without test classes: the production server and its libraries. */
    private static String serverClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Kills the server if it still runs; the data directory is left to the test's temp dir. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS);
        }
    }
}
