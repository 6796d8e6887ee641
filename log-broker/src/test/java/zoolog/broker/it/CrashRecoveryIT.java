package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during an acks=1 produce, plus a torn write appended to the active segment as
 * a crash mid-write would leave it; after a restart every acknowledged record is readable at the
 * offset it was acknowledged with, offsets are dense, and nothing of the torn tail is served.
 */
class CrashRecoveryIT {

    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 2;
    private static final int ACKED_BEFORE_KILL_MIN = 3_000;
    private static final long WAIT_MILLIS_MAX = 60_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillNineAndATornTail() throws Exception {
        try (EmbeddedCluster coord = EmbeddedCluster.startCoordination(dir, Map.of());
             BrokerProcess broker = new BrokerProcess(BrokerProcess.writeConfig(dir, coord.brokerPort(),
                     coord.coordConnect(), List.of()), dir.resolve("broker.out"))) {
            broker.start();
            String bootstrap = "127.0.0.1:" + coord.brokerPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            Map<TopicPartition, Map<Long, String>> acked = new ConcurrentHashMap<>();
            AtomicBoolean sending = new AtomicBoolean(true);
            KafkaProducer<String, String> producer = producer(bootstrap);
            Thread sender = new Thread(() -> {
                for (int i = 0; sending.get(); i++) {
                    String value = "v" + i;
                    try {
                        producer.send(new ProducerRecord<>(TOPIC, value), (metadata, error) -> {
                            if (error == null) {
                                acked.computeIfAbsent(new TopicPartition(TOPIC, metadata.partition()),
                                        unused -> new ConcurrentHashMap<>()).put(metadata.offset(), value);
                            }
                        });
                    } catch (KafkaException brokerGone) {
                        return;
                    }
                }
            }, "crash-producer");
            sender.start();
            long deadline = System.currentTimeMillis() + WAIT_MILLIS_MAX;
            while (count(acked) < ACKED_BEFORE_KILL_MIN && System.currentTimeMillis() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            broker.kill();
            sending.set(false);
            sender.join();
            producer.close(Duration.ZERO);
            assertTrue(count(acked) >= ACKED_BEFORE_KILL_MIN, "acknowledged before the kill: " + count(acked));
            appendTornBatch(dir.resolve("kafka-logs").resolve(TOPIC + "-0"));

            broker.start();
            Map<TopicPartition, List<ConsumerRecord<String, String>>> read = readAll(bootstrap);
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                List<ConsumerRecord<String, String>> records = read.getOrDefault(tp, List.of());
                for (int i = 0; i < records.size(); i++) {
                    assertEquals(i, records.get(i).offset(), tp + ": offsets are dense");
                }
                Map<Long, String> byOffset = new HashMap<>();
                records.forEach(r -> byOffset.put(r.offset(), r.value()));
                acked.getOrDefault(tp, Map.of()).forEach((offset, value) ->
                        assertEquals(value, byOffset.get(offset), tp + " offset " + offset + " was acknowledged"));
            }
        }
    }

    /** The header of a batch claiming 1000 bytes, then only 30 of them: a write cut short by the crash. */
    private static void appendTornBatch(Path partitionDir) throws IOException {
        Path active;
        try (Stream<Path> files = Files.list(partitionDir)) {
            active = files.filter(f -> f.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
        }
        try (FileChannel log = FileChannel.open(active, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer torn = ByteBuffer.allocate(30);
            torn.putLong(0, 999_999L).putInt(8, 1000);
            log.write(torn);
        }
    }

    private static Map<TopicPartition, List<ConsumerRecord<String, String>>> readAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<String, String>>> read = new HashMap<>();
            long deadline = System.currentTimeMillis() + WAIT_MILLIS_MAX;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.computeIfAbsent(
                        new TopicPartition(r.topic(), r.partition()), unused -> new java.util.ArrayList<>()).add(r));
            }
            return read;
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static int count(Map<TopicPartition, Map<Long, String>> acked) {
        return acked.values().stream().mapToInt(Map::size).sum();
    }
}
