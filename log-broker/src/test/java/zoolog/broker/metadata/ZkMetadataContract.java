package zoolog.broker.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.producer.ProducerIdManager;
import zoolog.protocol.coordclient.CoordClient;

/**
 * Kafka's ZooKeeper layout written through CoordClient to a real coordination server: Zoolog's
 * ({@link ZkMetadataTest}) and Apache ZooKeeper ({@link ZkMetadataOnApacheTest}) must behave alike.
 */
abstract class ZkMetadataContract {

    private static final long TIMEOUT_MILLIS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String connect;

    /** Starts the server with its data under {@code dataDir}; returns its connect string. */
    abstract String startServer(Path dataDir) throws Exception;

    abstract void stopServer() throws Exception;

    @BeforeEach
    void start() throws Exception {
        connect = startServer(dir.resolve("coord"));
    }

    @AfterEach
    void stop() throws Exception {
        stopServer();
    }

    private ZkMetadata metadata(String chroot) throws Exception {
        CoordClient client = CoordClient.start(connect, 6_000);
        CoordClient.await(client.connected(), TIMEOUT_MILLIS);
        ZkMetadata metadata = ZkMetadata.using(client, () -> CoordClient.start(connect, 6_000), chroot,
                TIMEOUT_MILLIS);
        metadata.ensurePersistentPaths();
        return metadata;
    }

    private JsonNode json(ZkMetadata metadata, String path) throws Exception {
        return JSON.readTree(CoordClient.await(metadata.client().getData(path), TIMEOUT_MILLIS).data());
    }

    @Test
    void registrationIsEphemeralAndADuplicateIdIsRefused() throws Exception {
        try (ZkMetadata first = metadata("")) {
            first.registerBroker(1, "127.0.0.1", 9092);
            JsonNode broker = json(first, "/brokers/ids/1");
            assertEquals(5, broker.path("version").asInt());
            assertEquals("PLAINTEXT://127.0.0.1:9092", broker.path("endpoints").get(0).asText());
            try (ZkMetadata second = metadata("")) {
                BrokerIdInUseException e = assertThrows(BrokerIdInUseException.class,
                        () -> second.registerBroker(1, "127.0.0.1", 9093));
                assertTrue(e.getMessage().contains("127.0.0.1:9092"), e.getMessage());
                assertEquals(List.of(new BrokerInfo(1, "127.0.0.1", 9092)), second.liveBrokers());
            }
        }
        try (ZkMetadata later = metadata("")) {
            assertEquals(List.of(), later.liveBrokers(), "the registration went with its session");
        }
    }

    @Test
    void controllerElectionAndClusterId() throws Exception {
        try (ZkMetadata first = metadata("/kafka"); ZkMetadata second = metadata("/kafka")) {
            String clusterId = first.getOrCreateClusterId();
            assertEquals(22, clusterId.length());
            assertEquals(clusterId, second.getOrCreateClusterId());
            assertEquals(1, first.tryElectController(1).getAsInt());
            assertTrue(second.tryElectController(2).isEmpty());
            assertEquals(1, second.controllerId().getAsInt());
            assertEquals(2, json(first, "/kafka/controller").path("version").asInt());
            first.client().close();
            assertEquals(2, second.tryElectController(2).getAsInt(), "the next controller bumps the epoch");
        }
    }

    @Test
    void topicsInKafkasLayout() throws Exception {
        try (ZkMetadata zk = metadata("")) {
            assertTrue(zk.createTopic("orders", "AAAAAAAAAAAAAAAAAAAAAA", Map.of(0, List.of(1), 1, List.of(1)),
                    Map.of("retention.ms", "1000")));
            assertFalse(zk.createTopic("orders", "x", Map.of(0, List.of(1)), Map.of()));
            JsonNode topic = json(zk, "/brokers/topics/orders");
            assertEquals(3, topic.path("version").asInt());
            assertEquals(1, topic.path("partitions").path("1").get(0).asInt());
            assertEquals("1000", json(zk, "/config/topics/orders").path("config").path("retention.ms").asText());
            zk.writePartitionState("orders", 0, new PartitionState(1, 0, 1, List.of(1)));
            assertEquals(Optional.of(new PartitionState(1, 0, 1, List.of(1))), zk.partitionState("orders", 0));
            zk.addPartitions("orders", Map.of(0, List.of(1), 1, List.of(1), 2, List.of(1)));
            assertEquals(3, zk.topic("orders").orElseThrow().assignment().size());
            zk.markTopicForDeletion("orders");
            assertEquals(List.of("orders"), zk.topicsMarkedForDeletion());
            zk.completeTopicDeletion("orders");
            assertEquals(List.of(), zk.topicNames());
            assertEquals(List.of(), zk.topicsMarkedForDeletion());
        }
    }

    @Test
    void producerIdBlocksNeverOverlapAcrossBrokers() throws Exception {
        try (ZkMetadata a = metadata(""); ZkMetadata b = metadata("")) {
            ProducerIdManager first = new ProducerIdManager(a, 1, 10);
            ProducerIdManager second = new ProducerIdManager(b, 2, 10);
            assertEquals(0, first.nextProducerId());
            assertEquals(10, second.nextProducerId());
            for (int i = 1; i < 10; i++) {
                first.nextProducerId();
            }
            assertEquals(20, first.nextProducerId(), "a used-up block is followed by a fresh one");
        }
    }
}
