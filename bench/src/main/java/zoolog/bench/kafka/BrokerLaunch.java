package zoolog.bench.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One broker under test as a child JVM: Apache Kafka 3.9 ({@code kafka.Kafka}, from the jars the
 * bench build copies to {@code bench/target/apache-kafka-lib}) or Zoolog's broker
 * ({@code BrokerMain}, from {@code log-broker/target}), both given the same server.properties and
 * the same coordination server, so only the broker differs. Started and stopped by the runner thread.
 */
final class BrokerLaunch implements AutoCloseable {

    enum Kind { APACHE, ZOOLOG }

    private static final long START_WAIT_MILLIS_MAX = 90_000;
    private static final long STOP_WAIT_SECONDS_MAX = 30;
    private static final long POLL_MILLIS = 200;
    private static final List<String> JVM_FLAGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private final Kind kind;
    private final int port;
    private final Process process;

    private BrokerLaunch(Kind kind, int port, Process process) {
        this.kind = kind;
        this.port = port;
        this.process = process;
    }

    /** Starts the broker and returns once an admin client sees it. */
    static BrokerLaunch start(Kind kind, Path runDir, int port, String coordConnect, Path zoologBrokerDir,
                              Path apacheLibDir) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        Path config = runDir.resolve("server.properties");
        Files.write(config, List.of("broker.id=0", "listeners=PLAINTEXT://127.0.0.1:" + port,
                "log.dirs=" + runDir.resolve("logs"), "zookeeper.connect=" + coordConnect,
                "num.partitions=1", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0"), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(JVM_FLAGS);
        if (kind == Kind.APACHE) {
            Path log4j = runDir.resolve("log4j.properties");
            Files.writeString(log4j, "log4j.rootLogger=WARN, stdout\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\n"
                    + "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout\n"
                    + "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n");
            command.addAll(List.of("-Dlog4j.configuration=file:" + log4j, "-cp", apacheLibDir.toAbsolutePath() + "/*",
                    "kafka.Kafka", config.toString()));
        } else {
            command.addAll(List.of("-cp", jarIn(zoologBrokerDir) + ":" + zoologBrokerDir.toAbsolutePath() + "/lib/*",
                    "zoolog.broker.cli.BrokerMain", "start-foreground", config.toString()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("broker.out").toFile()).start();
        BrokerLaunch launch = new BrokerLaunch(kind, port, process);
        launch.awaitServing(runDir);
        return launch;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Kind kind() {
        return kind;
    }

    private void awaitServing(Path runDir) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_WAIT_MILLIS_MAX;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(kind + " broker exited with " + process.exitValue() + "; see "
                        + runDir.resolve("broker.out"));
            }
            if (accepts() && seenByAdmin()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new IOException(kind + " broker did not serve within " + START_WAIT_MILLIS_MAX + " ms; see "
                + runDir.resolve("broker.out"));
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean seenByAdmin() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                4_000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static String jarIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(Path::toString).filter(name -> name.matches(".*/log-broker-[^/]*\\.jar")
                    && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no log-broker jar in " + dir
                            + "; build it with mvn -pl log-broker -am package -DskipTests"));
        }
    }

    /** SIGTERM, then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
