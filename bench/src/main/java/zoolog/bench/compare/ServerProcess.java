package zoolog.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One server started by the comparison as a separate OS process, with its stdout and stderr in a
 * log file. {@link #awaitReady} polls the client port with {@code ruok} and {@code srvr} until the
 * server answers like a ZooKeeper server that is serving, and {@link #modeOf} reads its role in an
 * ensemble from {@code srvr}; {@link #stop} sends SIGTERM and, if it has not exited in time, SIGKILL.
 * Owned by the runner's main thread; {@link #kill} may also be called from the JVM shutdown hook.
 */
final class ServerProcess {

    /** How long a server gets to exit after SIGTERM before it is killed. */
    static final long STOP_TIMEOUT_MILLIS = 20_000;
    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int LOG_TAIL_LINES = 15;
    private static final String MODE_PREFIX = "Mode:";

    private final Process process;
    private final int clientPort;
    private final Path logFile;

    private ServerProcess(Process process, int clientPort, Path logFile) {
        this.process = process;
        this.clientPort = clientPort;
        this.logFile = logFile;
    }

    /** Starts a server with a fresh log file. */
    static ServerProcess start(ServerLaunch launch, Path zooCfg, int clientPort, Path logFile) throws IOException {
        Files.writeString(logFile, "", StandardCharsets.UTF_8);
        return restart(launch, zooCfg, clientPort, logFile);
    }

    /** Starts a server again after it was killed, appending to the log file it had. */
    static ServerProcess restart(ServerLaunch launch, Path zooCfg, int clientPort, Path logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command(zooCfg))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new ServerProcess(builder.start(), clientPort, logFile);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Waits until {@code ruok} is answered {@code imok} and {@code srvr} reports a serving server.
     *
     * @return the first line of the {@code srvr} answer (the version), or empty if the process exited
     *         or the timeout passed first
     */
    Optional<String> awaitReady(long timeoutMillis) {
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadlineNanos && process.isAlive()) {
            Optional<String> ruok = FourLetterWord.ask("127.0.0.1", clientPort, "ruok", PROBE_TIMEOUT_MILLIS);
            if (ruok.filter("imok"::equals).isPresent()) {
                Optional<String> serving = srvr().flatMap(ServerProcess::versionLineIfServing);
                if (serving.isPresent()) {
                    return serving;
                }
            }
            LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
        }
        return Optional.empty();
    }

    /** SIGTERM, then SIGKILL if the server has not exited within {@link #STOP_TIMEOUT_MILLIS}. */
    void stop() throws InterruptedException {
        sendTerminate();
        if (!awaitExit()) {
            kill();
        }
    }

    /** SIGKILL, for the shutdown hook and for servers that ignore SIGTERM; returns once the process is gone. */
    void kill() throws InterruptedException {
        sendKill();
        awaitExit();
    }

    /**
     * Sends SIGKILL and returns at once: when this returns the kernel has the signal, and the server
     * runs no more of its code. The failover benchmark starts its clock here.
     */
    void sendKill() {
        process.destroyForcibly();
    }

    /** Sends SIGTERM without waiting, so that several servers can stop at the same time. */
    void sendTerminate() {
        process.destroy();
    }

    /** Waits up to {@link #STOP_TIMEOUT_MILLIS} for the process to exit; true if it did. */
    boolean awaitExit() throws InterruptedException {
        return process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The server's {@code srvr} answer, if it answers within the probe timeout. */
    Optional<String> srvr() {
        return FourLetterWord.ask("127.0.0.1", clientPort, "srvr", PROBE_TIMEOUT_MILLIS);
    }

    /** The last lines of the server's log, to show why it failed. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException unreadable) {
            return "(log " + logFile + " unreadable: " + unreadable.getMessage() + ")";
        }
    }

    /**
     * The first line of a {@code srvr} answer if it describes a serving server. ZooKeeper answers
     * {@code This ZooKeeper instance is not currently serving requests} until it has loaded its data.
     */
    static Optional<String> versionLineIfServing(String srvrAnswer) {
        if (srvrAnswer.isBlank() || srvrAnswer.contains("not currently serving")) {
            return Optional.empty();
        }
        return Optional.of(srvrAnswer.lines().findFirst().orElse("").trim());
    }

    /** The value of the {@code Mode:} line of a {@code srvr} answer, lower case, if there is one. */
    static Optional<String> modeOf(String srvrAnswer) {
        return srvrAnswer.lines()
                .filter(line -> line.startsWith(MODE_PREFIX))
                .map(line -> line.substring(MODE_PREFIX.length()).trim().toLowerCase(Locale.ROOT))
                .filter(mode -> !mode.isEmpty())
                .findFirst();
    }
}
