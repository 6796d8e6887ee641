package zoolog.faults.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of the ensemble as an OS process: its own directory ({@code zoo.cfg}, {@code data/}
 * with {@code myid}, and {@code node.log}, which every start appends to), started with the
 * command {@link NodeLaunch} gives. The nemesis ends it with SIGKILL (as {@code kill -9}: nothing
 * is flushed, no shutdown hook runs), freezes it with SIGSTOP and thaws it with SIGCONT, and starts
 * it again on the same data. Methods are synchronized: the nemesis thread and the run's main thread
 * (final heal, shutdown) both call them.
 */
public final class NodeProcess {

    /** How long a killed or stopped process may take to disappear. */
    static final long EXIT_WAIT_SECONDS_MAX = 20;

    private final NodePorts ports;
    private final Path dir;
    private final NodeLaunch launch;
    private Process process;
    private boolean paused;
    private int starts;

    NodeProcess(NodePorts ports, Path dir, NodeLaunch launch) {
        this.ports = ports;
        this.dir = dir;
        this.launch = launch;
    }

    public int id() {
        return ports.id();
    }

    public NodePorts ports() {
        return ports;
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("zoo.cfg");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("node.log");
    }

    /** Writes zoo.cfg and myid; the data directory survives restarts. */
    void configure(String zooCfg) throws IOException {
        Files.createDirectories(dataDir());
        Files.writeString(configFile(), zooCfg, StandardCharsets.UTF_8);
        Files.writeString(dataDir().resolve("myid"), id() + "\n", StandardCharsets.US_ASCII);
    }

    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("node " + id() + " is already running");
        }
        starts++;
        Files.writeString(logFile(), "---- harness: start " + starts + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(launch.command(configFile()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        paused = false;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS);
        paused = false;
    }

    /** SIGSTOP: the process keeps its sockets open but answers nothing. */
    public synchronized void pause() throws IOException, InterruptedException {
        if (isAlive() && !paused) {
            signal("STOP");
            paused = true;
        }
    }

    /** SIGCONT. */
    public synchronized void resume() throws IOException, InterruptedException {
        if (isAlive() && paused) {
            signal("CONT");
            paused = false;
        }
    }

    /** SIGTERM (after SIGCONT, or a stopped process would never handle it), then SIGKILL if it lingers. */
    public synchronized void stop() throws IOException, InterruptedException {
        if (!isAlive()) {
            return;
        }
        resume();
        process.destroy();
        if (!process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name, Long.toString(process.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!kill.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("`" + String.join(" ", command) + "` failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    /** The last {@code lines} lines of the node's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(cannot read " + logFile() + ": " + unreadable.getMessage() + ")";
        }
    }
}
