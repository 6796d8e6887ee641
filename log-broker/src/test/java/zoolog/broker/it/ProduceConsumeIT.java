package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Java clients against a broker in this JVM: AdminClient creates and describes
 * topics, the default (idempotent, acks=all) producer writes, a consumer group reads everything
 * back, commits, and resumes from its commit after the broker restarts.
 */
class ProduceConsumeIT {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final long WAIT_MILLIS_MAX = 30_000;

    @TempDir
    Path dir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dir, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void adminCreatesDescribesAndRejectsDuplicates() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
            TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertEquals(3, description.partitions().size());
            assertEquals(0, description.partitions().get(0).leader().id());
            ExecutionException duplicate = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get());
            assertTrue(duplicate.getCause() instanceof TopicExistsException, duplicate.toString());
            assertTrue(admin.listTopics().names().get().contains("orders"));
        }
    }

    @Test
    void idempotentProducerAndConsumerGroupSurviveARestart() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("events", 4, (short) 1))).all().get();
        }
        int count = 2_000;
        List<RecordMetadata> acked = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<java.util.concurrent.Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>("events", "key-" + (i % 37), "value-" + i)));
            }
            for (var send : sends) {
                acked.add(send.get(WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS));
            }
        }
        Map<Integer, Long> ends = new HashMap<>();
        acked.forEach(m -> ends.merge(m.partition(), m.offset() + 1, Math::max));
        assertEquals(count, ends.values().stream().mapToLong(Long::longValue).sum(), "offsets are dense per partition");

        int firstHalf;
        try (KafkaConsumer<String, String> consumer = consumer("g1")) {
            consumer.subscribe(List.of("events"));
            firstHalf = drain(consumer, count / 2).size();
            consumer.commitSync();
        }
        cluster.restartBroker();
        try (KafkaConsumer<String, String> consumer = consumer("g1")) {
            consumer.subscribe(List.of("events"));
            List<ConsumerRecord<String, String>> rest = drain(consumer, count - firstHalf);
            assertEquals(count - firstHalf, rest.size(), "the group resumes where it committed");
        }
    }

    @Test
    void twoMembersSplitThePartitionsAndTheSurvivorTakesAllWhenOneLeaves() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("shared", 4, (short) 1))).all().get();
        }
        try (KafkaConsumer<String, String> first = consumer("split"); KafkaConsumer<String, String> second =
                consumer("split")) {
            first.subscribe(List.of("shared"));
            second.subscribe(List.of("shared"));
            long deadline = System.currentTimeMillis() + WAIT_MILLIS_MAX;
            while ((first.assignment().size() != 2 || second.assignment().size() != 2)
                    && System.currentTimeMillis() < deadline) {
                first.poll(POLL);
                second.poll(POLL);
            }
            assertEquals(2, first.assignment().size(), "each member gets half: " + first.assignment());
            assertEquals(2, second.assignment().size(), "each member gets half: " + second.assignment());
            Set<org.apache.kafka.common.TopicPartition> all = new java.util.HashSet<>(first.assignment());
            all.addAll(second.assignment());
            assertEquals(4, all.size(), "no partition is given twice");
            second.close();
            while (first.assignment().size() != 4 && System.currentTimeMillis() < deadline) {
                first.poll(POLL);
            }
            assertEquals(4, first.assignment().size(), "the survivor takes every partition after the rebalance");
        }
    }

    private List<ConsumerRecord<String, String>> drain(KafkaConsumer<String, String> consumer, int atLeast) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS_MAX;
        while (records.size() < atLeast && System.currentTimeMillis() < deadline) {
            consumer.poll(POLL).forEach(records::add);
        }
        assertTrue(records.size() >= atLeast, "read " + records.size() + " of " + atLeast);
        return records;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        return Admin.create(props);
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
