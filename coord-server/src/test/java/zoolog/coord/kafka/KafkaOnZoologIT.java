package zoolog.coord.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.coord.it.TestServer;
import zoolog.coord.it.TestServerConfig;
import zoolog.coord.it.TestServers;

/**
 * Apache Kafka 3.9 in ZooKeeper mode, the heaviest real user of a ZooKeeper server, runs its whole
 * broker life on Zoolog: it registers under {@code /brokers/ids}, wins the controller election
 * ({@code /controller}, {@code /controller_epoch} in a multi), creates a topic through the admin
 * API, serves an idempotent produce and a group consume with committed offsets, and on a clean
 * shutdown its ephemeral registration disappears with its session. Every znode Kafka writes is
 * read back through the official ZooKeeper client and checked against Kafka's JSON formats. Kafka,
 * Zoolog and the clients all run in this JVM; WARN and ERROR lines from Kafka's ZooKeeper client
 * and from Zoolog are collected; an ERROR or a {@code KeeperException} among them fails the test,
 * since that is where a compatibility bug shows first. With {@code -Dzoolog.it.server=apache} the
 * same run goes against Apache ZooKeeper, the reference.
 *
 * <p>Run: {@code mvn -q -pl coord-server -am verify -Dtest=NONE -Dit.test=KafkaOnZoologIT}.
 */
@Tag("kafka")
@Tag("it")
class KafkaOnZoologIT {

    private static final Duration WAIT_MAX = Duration.ofSeconds(30);
    private static final String TOPIC = "zoolog-round-trip";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 100;

    private static ServerLogs serverLogs;

    @BeforeAll
    static void quietKafka() {
        serverLogs = ServerLogs.capture();
    }

    @AfterAll
    static void printServerWarnings() {
        serverLogs.stopAndPrint(System.out);
    }

    @Test
    void kafkaBrokerLivesOnZoolog(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServers.start(TestServerConfig.defaults(), dir.resolve("zoolog"));
                Znodes znodes = Znodes.connect(server.connectString(), WAIT_MAX)) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(server.connectString(), dir.resolve("kafka-logs"));
            try {
                long brokerSession = assertBrokerRegistered(znodes, broker);
                assertControllerIsBroker(znodes, broker, brokerSession);
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    assertEquals(znodes.readJson("/cluster/id").get("id").asText(),
                            admin.describeCluster().clusterId().get(WAIT_MAX.toMillis(), MILLISECONDS));
                    CreateTopicsResult created = admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)));
                    created.all().get(WAIT_MAX.toMillis(), MILLISECONDS);
                    produce(broker);
                    assertConsumedAndCommitted(broker);
                    assertTopicZnodes(znodes, broker, created.topicId(TOPIC).get(WAIT_MAX.toMillis(), MILLISECONDS).toString());
                }
            } finally {
                broker.close();
            }
            // Shutdown returns after the broker's closeSession was answered, and the server answers
            // only once the session's ephemerals are deleted: no waiting, and no session expiry involved.
            assertNull(znodes.client().exists("/brokers/ids/" + broker.brokerId(), false), "registration left behind");
            assertNull(znodes.client().exists("/controller", false), "controller znode left behind");
            assertEquals(List.of(), znodes.client().getChildren("/brokers/ids", false));
            assertEquals(List.of(), serverLogs.compatibilityProblems(), "errors logged by Kafka, its ZooKeeper client or Zoolog");
        }
    }

    /** {@code /brokers/ids/0}: an ephemeral of the broker's session whose JSON names its listener. */
    private static long assertBrokerRegistered(Znodes znodes, EmbeddedKafkaBroker broker) throws Exception {
        Stat stat = znodes.awaitExists("/brokers/ids/" + broker.brokerId(), WAIT_MAX);
        assertNotEquals(0, stat.getEphemeralOwner(), "a broker registration is ephemeral");
        JsonNode registration = znodes.readJson("/brokers/ids/" + broker.brokerId());
        List<String> endpoints = new ArrayList<>();
        registration.get("endpoints").forEach(endpoint -> endpoints.add(endpoint.asText()));
        assertEquals(List.of(broker.endpoint()), endpoints, registration.toString());
        assertEquals("127.0.0.1", registration.get("host").asText());
        assertEquals(broker.port(), registration.get("port").asInt());
        assertEquals(List.of(Integer.toString(broker.brokerId())), znodes.client().getChildren("/brokers/ids", false));
        return stat.getEphemeralOwner();
    }

    /** {@code /controller}: broker 0 won the election, in the same session that registered it. */
    private static void assertControllerIsBroker(Znodes znodes, EmbeddedKafkaBroker broker, long brokerSession)
            throws Exception {
        Stat stat = znodes.awaitExists("/controller", WAIT_MAX);
        assertEquals(brokerSession, stat.getEphemeralOwner(), "the controller znode belongs to the broker's session");
        assertEquals(broker.brokerId(), znodes.readJson("/controller").get("brokerid").asInt());
        byte[] epoch = znodes.client().getData("/controller_epoch", false, null);
        assertTrue(Integer.parseInt(new String(epoch, UTF_8)) >= 1);
    }

    private static void produce(EmbeddedKafkaBroker broker) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(WAIT_MAX.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(WAIT_MAX.toMillis()));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "value-" + i)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(WAIT_MAX.toMillis(), MILLISECONDS);
            }
        }
    }

    /** A group member reads every record once, and the group's committed offsets cover them all. */
    private static void assertConsumedAndCommitted(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "zoolog-readers");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Set<String> values = new TreeSet<>();
            int received = 0;
            long deadline = System.nanoTime() + WAIT_MAX.toNanos();
            while (received < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                    received++;
                }
            }
            assertEquals(RECORDS, received, "records consumed");
            assertEquals(IntStream.range(0, RECORDS).mapToObj(i -> "value-" + i).collect(Collectors.toCollection(TreeSet::new)),
                    values);
            consumer.commitSync(WAIT_MAX);
            Set<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(TOPIC, p)).collect(Collectors.toSet());
            long committed = consumer.committed(partitions, WAIT_MAX).values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
            assertEquals(RECORDS, committed, "committed offsets");
        }
    }

    /** {@code /brokers/topics/<topic>} and each partition's state, as the controller wrote them. */
    private static void assertTopicZnodes(Znodes znodes, EmbeddedKafkaBroker broker, String topicId) throws Exception {
        JsonNode assignment = znodes.readJson("/brokers/topics/" + TOPIC);
        assertEquals(topicId, assignment.get("topic_id").asText(), assignment.toString());
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals("[" + broker.brokerId() + "]", assignment.get("partitions").get(Integer.toString(p)).toString());
            String statePath = "/brokers/topics/" + TOPIC + "/partitions/" + p + "/state";
            znodes.awaitExists(statePath, WAIT_MAX);
            JsonNode state = znodes.readJson(statePath);
            assertEquals(broker.brokerId(), state.get("leader").asInt(), state.toString());
            assertEquals("[" + broker.brokerId() + "]", state.get("isr").toString());
        }
        assertEquals(PARTITIONS, znodes.client().getChildren("/brokers/topics/" + TOPIC + "/partitions", false).size());
        assertTrue(znodes.client().getChildren("/brokers/topics", false).contains("__consumer_offsets"),
                "the group coordinator created its offsets topic through ZooKeeper");
    }
}
