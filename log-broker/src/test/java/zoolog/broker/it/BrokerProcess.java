package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import zoolog.broker.cli.BrokerMain;

/**
 * A Zoolog broker as a separate JVM ({@code BrokerMain start-foreground <server.properties>}),
 * started from the test's class path minus the test classes, so the child runs the production
 * code only. {@link #kill()} is {@code kill -9}; {@link #start()} again recovers from whatever the
 * killed process left in its log directory. Driven from the JUnit thread only.
 */
final class BrokerProcess implements AutoCloseable {

    private static final long START_WAIT_SECONDS_MAX = 60;
    private static final long EXIT_WAIT_SECONDS_MAX = 30;
    private static final long POLL_MILLIS = 50;
    private static final int SIGKILL_EXIT_STATUS = 137;
    private static final String STARTED = "] started (";
    private static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Path config;
    private final Path output;
    private Process process;

    BrokerProcess(Path config, Path output) {
        this.config = config;
        this.output = output;
    }

    void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", productionClassPath(), BrokerMain.class.getName(), "start-foreground",
                config.toString()));
        long offset = Files.exists(output) ? Files.size(output) : 0;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS_MAX);
        while (!outputSince(offset).contains(STARTED)) {
            if (System.nanoTime() > deadline) {
                fail("broker did not start within " + START_WAIT_SECONDS_MAX + " s; output:\n" + outputSince(offset));
            }
            if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                fail("broker exited with " + process.exitValue() + " while starting; output:\n" + outputSince(offset));
            }
        }
    }

    /** SIGSTOP or SIGCONT: a stopped broker keeps its sockets but answers nothing, as in a long GC pause. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " failed");
    }

    /** SIGKILL: no shutdown hook, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS), "killed broker did not exit");
        assertEquals(SIGKILL_EXIT_STATUS, process.exitValue(), "the broker died of SIGKILL, not of something else");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(EXIT_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String outputSince(long offset) throws IOException {
        if (!Files.exists(output)) {
            return "";
        }
        byte[] all = Files.readAllBytes(output);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static String productionClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Writes a server.properties for a broker on {@code port} with its log directory under {@code dir}. */
    static Path writeConfig(Path dir, int port, String coordConnect, List<String> extraLines) throws IOException {
        List<String> lines = new ArrayList<>(List.of("broker.id=0", "listeners=PLAINTEXT://127.0.0.1:" + port,
                "log.dirs=" + dir.resolve("kafka-logs"), "zookeeper.connect=" + coordConnect,
                "zookeeper.session.timeout.ms=6000", "group.initial.rebalance.delay.ms=0"));
        lines.addAll(extraLines);
        Path file = dir.resolve("server.properties");
        Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }
}
