package zoolog.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.protocol.kafka.record.TimestampType;

class BrokerConfigTest {

    private static final Path SOURCE = Path.of("server.properties");

    @TempDir
    Path dir;

    private static BrokerConfig.Loaded parse(Map<String, String> values) throws BrokerConfigException {
        Properties props = new Properties();
        props.setProperty("zookeeper.connect", "127.0.0.1:2181");
        values.forEach(props::setProperty);
        return BrokerConfig.parse(SOURCE, props);
    }

    private static String error(Map<String, String> values) {
        return assertThrows(BrokerConfigException.class, () -> parse(values)).getMessage();
    }

    @Test
    void theShippedSampleLoadsWithoutWarnings() throws Exception {
        BrokerConfig.Loaded loaded = BrokerConfig.load(Path.of("..", "config", "server.properties"));
        assertEquals(List.of(), loaded.warnings());
        assertEquals(0, loaded.config().brokerId());
        assertEquals(9092, loaded.config().listenerPort());
        assertEquals("127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183", loaded.config().zookeeperConnect());
    }

    @Test
    void kafkasDefaultsAndPrecedence() throws Exception {
        BrokerConfig config = parse(Map.of("log.retention.hours", "1", "log.retention.minutes", "5")).config();
        assertEquals(5 * 60_000L, config.logRetentionMs(), "minutes win over hours");
        assertEquals(List.of(Path.of("/tmp/kafka-logs")), config.logDirs());
        assertEquals(1 << 30, config.logSegmentBytes());
        assertEquals(104_857_600, config.socketRequestMaxBytes());
        assertEquals(3_000, config.groupInitialRebalanceDelayMs());
        assertEquals(TimestampType.CREATE_TIME, config.logMessageTimestampType());
        assertEquals(7 * 24 * 3_600_000L, parse(Map.of()).config().logRetentionMs());
        assertEquals(42L, parse(Map.of("log.retention.ms", "42", "log.retention.hours", "1")).config().logRetentionMs());
    }

    @Test
    void listenersAndChroot() throws Exception {
        BrokerConfig config = parse(Map.of("listeners", "PLAINTEXT://:9093",
                "advertised.listeners", "PLAINTEXT://kafka.example:19093",
                "zookeeper.connect", "a:2181,b:2181/kafka")).config();
        assertEquals("", config.listenerHost());
        assertEquals(9093, config.listenerPort());
        assertEquals("kafka.example", config.advertisedHost());
        assertEquals(19093, config.advertisedPort());
        assertEquals("a:2181,b:2181", config.zookeeperHosts());
        assertEquals("/kafka", config.zookeeperChroot());
    }

    @Test
    void badValuesStopStartUpWithOneLineNamingKeyAndReason() {
        assertEquals("server.properties: log.segment.bytes=abc: not an integer",
                error(Map.of("log.segment.bytes", "abc")));
        assertEquals("server.properties: zookeeper.connect is required",
                assertThrows(BrokerConfigException.class, () -> BrokerConfig.parse(SOURCE, new Properties())).getMessage());
        assertTrue(error(Map.of("listeners", "SSL://host:9093")).startsWith("server.properties: listeners=SSL://host:9093: "));
        assertTrue(error(Map.of("broker.id", "2000")).contains("reserved.broker.max.id"));
        assertTrue(error(Map.of("delete.topic.enable", "yes")).endsWith("must be true or false"));
        assertTrue(error(Map.of("log.message.timestamp.type", "Now")).contains("CreateTime or LogAppendTime"));
        for (String message : List.of(error(Map.of("num.partitions", "0")), error(Map.of("log.segment.bytes", "abc")))) {
            assertFalse(message.contains("\n"), message);
        }
    }

    @Test
    void unknownKeysAreWarnedAboutAndKnownUnusedOnesAreNot() throws Exception {
        BrokerConfig.Loaded loaded = parse(Map.of("log.retention.hourz", "1", "offsets.topic.replication.factor", "1"));
        assertEquals(List.of("server.properties: unknown key log.retention.hourz is ignored"), loaded.warnings());
    }

    @Test
    void topicOverridesAreCheckedAndApplied() throws Exception {
        BrokerConfig broker = parse(Map.of("log.segment.bytes", "1048576")).config();
        assertTrue(TopicConfigs.validate(Map.of("retention.ms", "1000")).ok());
        assertEquals("Unknown topic config name: retention.hourz",
                TopicConfigs.validate(Map.of("retention.hourz", "1")).message());
        assertFalse(TopicConfigs.validate(Map.of("segment.bytes", "tiny")).ok());
        assertEquals(1000, TopicConfigs.effective(broker, Map.of("retention.ms", "1000")).retentionMillis());
        assertEquals(1_048_576, TopicConfigs.effective(broker, Map.of()).segmentBytes());
        ConfigEntry retention = TopicConfigs.describe(broker, Map.of("retention.ms", "1000")).stream()
                .filter(e -> e.name().equals("retention.ms")).findFirst().orElseThrow();
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, retention.source());
    }

    @Test
    void metaPropertiesTiesALogDirectoryToOneClusterAndBroker() throws Exception {
        MetaProperties.ensure(List.of(dir), "cluster-A", 1);
        assertTrue(Files.readString(dir.resolve(MetaProperties.FILE_NAME)).contains("cluster.id=cluster-A"));
        MetaProperties.ensure(List.of(dir), "cluster-A", 1);
        String otherCluster = assertThrows(MetaProperties.MismatchException.class,
                () -> MetaProperties.ensure(List.of(dir), "cluster-B", 1)).getMessage();
        assertTrue(otherCluster.contains("cluster.id is cluster-A") && otherCluster.contains("cluster-B"), otherCluster);
        String otherBroker = assertThrows(MetaProperties.MismatchException.class,
                () -> MetaProperties.ensure(List.of(dir), "cluster-A", 2)).getMessage();
        assertTrue(otherBroker.contains("broker.id is 1"), otherBroker);
        assertEquals(1, MetaProperties.storedBrokerId(List.of(dir)).getAsInt());
    }
}
