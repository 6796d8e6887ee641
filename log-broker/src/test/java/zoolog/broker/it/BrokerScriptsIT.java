package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.protocol.coordclient.CoordClient;

/**
 * The broker as an operator runs it: {@code bin/broker-start -daemon} and {@code bin/broker-stop}
 * from the checkout (with the jar this build just packaged), the official clients in between,
 * and a bad config value refused with one line.
 */
class BrokerScriptsIT {

    private static final long WAIT_SECONDS_MAX = 90;

    @TempDir
    Path dir;

    @Test
    void startProduceConsumeStop() throws Exception {
        try (EmbeddedCluster coord = EmbeddedCluster.startCoordination(dir, Map.of())) {
            Path config = BrokerProcess.writeConfig(dir, coord.brokerPort(), coord.coordConnect(), List.of());
            Result started = run("broker-start", "-daemon", config.toString());
            assertEquals(0, started.exitCode, started.output);
            assertTrue(started.output.contains("STARTED"), started.output);
            String bootstrap = "127.0.0.1:" + coord.brokerPort();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("scripted", "hello")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "g",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("scripted"));
                List<String> values = new ArrayList<>();
                long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(WAIT_SECONDS_MAX);
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertEquals(List.of("hello"), values);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertEquals(1, admin.describeCluster().nodes().get().size());
            }
            Result stopped = run("broker-stop", config.toString());
            assertEquals(0, stopped.exitCode, stopped.output);
            assertTrue(stopped.output.contains("STOPPED"), stopped.output);
            try (CoordClient client = CoordClient.start(coord.coordConnect(), 6_000)) {
                assertEquals(List.of(), CoordClient.await(client.getChildren("/brokers/ids"), 10_000),
                        "a stopped broker leaves /brokers/ids");
            }
        }
    }

    @Test
    void aBadValueStopsStartUpWithOneLine() throws Exception {
        Path config = dir.resolve("bad.properties");
        Files.writeString(config, "zookeeper.connect=127.0.0.1:1\nlog.segment.bytes=abc\n");
        Result result = run("broker-start", config.toString());
        assertEquals(2, result.exitCode, result.output);
        assertEquals(config + ": log.segment.bytes=abc: not an integer", result.output.strip());
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String script, String... args) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(root.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ZOOLOG_SKIP_BUILD", "1");
        builder.environment().put("ZOOLOG_LOG_DIR", root.resolve("log-broker").resolve("target").resolve("it-logs")
                .toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(WAIT_SECONDS_MAX, TimeUnit.SECONDS), script + " did not finish: " + output);
        return new Result(process.exitValue(), output);
    }
}
