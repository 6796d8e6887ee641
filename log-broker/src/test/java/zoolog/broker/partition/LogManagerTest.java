package zoolog.broker.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.log.LogConfig;
import zoolog.broker.producer.ProducerStateStore;
import zoolog.broker.state.BrokerStateDb;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.record.RecordBatchBuilder;

class LogManagerTest {

    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

    @TempDir
    Path dir;

    private static ByteBuffer batch(int records) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1 << 16);
        for (int i = 0; i < records; i++) {
            builder.addRecord(1_000 + i, null, "v".getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private BrokerStateDb stateDb;

    @BeforeEach
    void openStateDb() throws IOException {
        stateDb = BrokerStateDb.open(dir.resolve("state"));
    }

    @AfterEach
    void closeStateDb() {
        stateDb.close();
    }

    private ReplicaManager open(List<Path> logDirs) throws IOException {
        LogManager.Opened opened = LogManager.open(logDirs, tp -> LogConfig.defaults(), 2);
        return new ReplicaManager(0, opened.manager(), opened.logs(), FlushPolicy.NEVER_BY_COUNT,
                new ProducerStateStore(stateDb));
    }

    @Test
    void checkpointsInKafkasFormatCarryOffsetsAcrossRestarts() throws IOException {
        Path logDir = dir.resolve("logs");
        try (ReplicaManager replicas = open(List.of(logDir))) {
            replicas.host(ORDERS_0, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
            assertEquals(KafkaError.NONE, replicas.append(ORDERS_0, batch(5), (short) -1, 1, 2_000).error());
        }
        assertEquals(List.of("0", "1", "orders 0 5"),
                Files.readAllLines(logDir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT)));
        assertEquals(List.of("0", "1", "orders 0 5"),
                Files.readAllLines(logDir.resolve(LogManager.HIGH_WATERMARK_CHECKPOINT)));
        try (ReplicaManager replicas = open(List.of(logDir))) {
            Partition partition = replicas.host(ORDERS_0, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
            assertEquals(5, partition.highWatermark());
            assertEquals(5, replicas.append(ORDERS_0, batch(1), (short) 1, 1, 3_000).baseOffset());
        }
    }

    @Test
    void strayLogsOfDeletedTopicsAreRemovedAndDeletionNeverThrows() throws IOException {
        Path logDir = dir.resolve("logs");
        try (ReplicaManager replicas = open(List.of(logDir))) {
            replicas.host(ORDERS_0, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
            replicas.host(ORDERS_1, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
        }
        try (ReplicaManager replicas = open(List.of(logDir))) {
            replicas.host(ORDERS_0, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
            replicas.removeStrays(Set.of(ORDERS_0));
            assertFalse(Files.exists(logDir.resolve("orders-1")));
            Partition orders0 = replicas.partition(ORDERS_0);
            replicas.removeTopic("orders");
            assertNull(replicas.partition(ORDERS_0));
            assertEquals(KafkaError.UNKNOWN_TOPIC_OR_PARTITION,
                    orders0.appendAsLeader(batch(1), (short) 1, 1, 0).error());
            replicas.removeTopic("orders");
        }
        try (Stream<Path> left = Files.list(logDir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("orders")));
        }
    }

    @Test
    void newPartitionsGoToTheLeastLoadedDirectory() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (ReplicaManager replicas = open(List.of(a, b))) {
            replicas.host(ORDERS_0, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
            replicas.host(ORDERS_1, "id", LogConfig.defaults(), ReplicaState.soleReplica(0, 0));
        }
        assertTrue(Files.isDirectory(a.resolve("orders-0")) != Files.isDirectory(b.resolve("orders-0")));
        assertTrue(Files.isDirectory(a.resolve("orders-1")) != Files.isDirectory(b.resolve("orders-1")));
        assertTrue(Files.isDirectory(a.resolve("orders-0")) != Files.isDirectory(a.resolve("orders-1")));
    }

    @Test
    void aLogDirectoryServesOneBrokerAtATime() throws IOException {
        Path logDir = dir.resolve("logs");
        try (ReplicaManager first = open(List.of(logDir))) {
            IOException second = assertThrows(IOException.class, () -> open(List.of(logDir)));
            assertTrue(second.getMessage().contains("in use by another broker"), second.getMessage());
        }
    }

    @Test
    void checkpointFileRejectsGarbageWithItsName() throws IOException {
        Path file = dir.resolve(LogManager.LOG_START_CHECKPOINT);
        Files.writeString(file, "0\n2\norders 0 5\n");
        IOException e = assertThrows(IOException.class, () -> new OffsetCheckpointFile(file).read());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        new OffsetCheckpointFile(file).write(Map.of(ORDERS_1, 7L));
        assertEquals(Map.of(ORDERS_1, 7L), new OffsetCheckpointFile(file).read());
    }
}
