package zoolog.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import zoolog.broker.log.LogConfig;
import zoolog.protocol.kafka.record.RecordBatch;
import zoolog.protocol.kafka.record.TimestampType;

/**
 * A broker's server.properties, parsed and checked once at start-up, with Kafka's keys and
 * defaults (Kafka 3.9 broker configs). Keys Zoolog reads are fields; keys of a multi-broker Kafka
 * that it accepts but does not act on are listed in {@link BrokerConfigKeys}; anything else is
 * returned as a warning. The first invalid value stops start-up with one line naming the file,
 * the key and the reason. Immutable. {@code docs/reference/server-properties.md} lists every key.
 */
public record BrokerConfig(Path source, int brokerId, int reservedBrokerMaxId,
                           String listenerHost, int listenerPort, String advertisedHost, int advertisedPort,
                           List<Path> logDirs, String zookeeperConnect, int zookeeperConnectionTimeoutMs,
                           int zookeeperSessionTimeoutMs, int numPartitions, short defaultReplicationFactor,
                           boolean deleteTopicEnable, boolean autoCreateTopicsEnable, int numNetworkThreads,
                           int numIoThreads, int socketSendBufferBytes, int socketReceiveBufferBytes,
                           int socketRequestMaxBytes, int numRecoveryThreadsPerDataDir, long logRetentionMs,
                           long logRetentionBytes, int logSegmentBytes, long logRollMs, long logRetentionCheckIntervalMs,
                           int logIndexIntervalBytes, int logIndexSizeMaxBytes, long logFlushIntervalMessages,
                           long logFlushIntervalMs, long logFlushOffsetCheckpointIntervalMs, int messageMaxBytes,
                           TimestampType logMessageTimestampType, int groupInitialRebalanceDelayMs,
                           int groupMinSessionTimeoutMs, int groupMaxSessionTimeoutMs, int minInsyncReplicas,
                           long replicaLagTimeMaxMs, long producerIdExpirationMs) {

    private static final long HOUR_MS = 3_600_000L;
    private static final String DEFAULT_LOG_DIR = "/tmp/kafka-logs";

    /** The parsed configuration and the warnings (unknown keys) to log. */
    public record Loaded(BrokerConfig config, List<String> warnings) {}

    public BrokerConfig {
        logDirs = List.copyOf(logDirs);
    }

    /** Reads and checks {@code file}. */
    public static Loaded load(Path file) throws BrokerConfigException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new BrokerConfigException(file + ": cannot read it: " + e.getMessage());
        }
        return parse(file, props);
    }

    /** Checks already-loaded properties; {@code source} names them in messages. */
    public static Loaded parse(Path source, Properties props) throws BrokerConfigException {
        PropertyReader r = new PropertyReader(source, props);
        int reservedMax = r.integer("reserved.broker.max.id", 1000, 0, Integer.MAX_VALUE);
        int brokerId = r.integer("broker.id", -1, -1, Integer.MAX_VALUE);
        if (brokerId > reservedMax) {
            throw r.bad("broker.id", Integer.toString(brokerId), "must not exceed reserved.broker.max.id ("
                    + reservedMax + ")");
        }
        Endpoint listener = endpoint(r, "listeners", r.string("listeners", "PLAINTEXT://:9092"));
        String advertisedRaw = r.raw("advertised.listeners");
        Endpoint advertised = advertisedRaw == null ? listener : endpoint(r, "advertised.listeners", advertisedRaw);
        String advertisedHost = advertised.host().isEmpty() ? canonicalHostName() : advertised.host();
        List<Path> logDirs = logDirs(r);
        String zookeeper = r.required("zookeeper.connect");
        int sessionTimeout = r.integer("zookeeper.session.timeout.ms", 18_000, 1, Integer.MAX_VALUE);
        int connectionTimeout = r.integer("zookeeper.connection.timeout.ms", sessionTimeout, 1, Integer.MAX_VALUE);
        long retentionMs = r.duration(168 * HOUR_MS, "log.retention.ms", "log.retention.minutes", "log.retention.hours");
        long rollMs = r.duration(168 * HOUR_MS, "log.roll.ms", null, "log.roll.hours");
        if (rollMs <= 0) {
            throw r.bad("log.roll.ms", Long.toString(rollMs), "must be positive");
        }
        String timestampType = r.string("log.message.timestamp.type", "CreateTime");
        TimestampType type = switch (timestampType) {
            case "CreateTime" -> TimestampType.CREATE_TIME;
            case "LogAppendTime" -> TimestampType.LOG_APPEND_TIME;
            default -> throw r.bad("log.message.timestamp.type", timestampType, "must be CreateTime or LogAppendTime");
        };
        int minSession = r.integer("group.min.session.timeout.ms", 6_000, 1, Integer.MAX_VALUE);
        int maxSession = r.integer("group.max.session.timeout.ms", 1_800_000, 1, Integer.MAX_VALUE);
        if (minSession > maxSession) {
            throw r.bad("group.min.session.timeout.ms", Integer.toString(minSession),
                    "must not exceed group.max.session.timeout.ms (" + maxSession + ")");
        }
        BrokerConfig config = new BrokerConfig(source, brokerId, reservedMax, listener.host(), listener.port(),
                advertisedHost, advertised.port(), logDirs, zookeeper, connectionTimeout, sessionTimeout,
                r.integer("num.partitions", 1, 1, Integer.MAX_VALUE),
                (short) r.integer("default.replication.factor", 1, 1, Short.MAX_VALUE),
                r.bool("delete.topic.enable", true), r.bool("auto.create.topics.enable", true),
                r.integer("num.network.threads", 3, 1, 1024), r.integer("num.io.threads", 8, 1, 1024),
                r.integer("socket.send.buffer.bytes", 102_400, -1, Integer.MAX_VALUE),
                r.integer("socket.receive.buffer.bytes", 102_400, -1, Integer.MAX_VALUE),
                r.integer("socket.request.max.bytes", 104_857_600, 1, Integer.MAX_VALUE),
                r.integer("num.recovery.threads.per.data.dir", 1, 1, 1024), retentionMs,
                r.longValue("log.retention.bytes", -1, -1, Long.MAX_VALUE),
                r.integer("log.segment.bytes", 1 << 30, RecordBatch.HEADER_BYTES, Integer.MAX_VALUE), rollMs,
                r.longValue("log.retention.check.interval.ms", 300_000, 1, Long.MAX_VALUE),
                r.integer("log.index.interval.bytes", 4096, 0, Integer.MAX_VALUE),
                r.integer("log.index.size.max.bytes", 10 * 1024 * 1024, 12, Integer.MAX_VALUE),
                r.longValue("log.flush.interval.messages", Long.MAX_VALUE, 1, Long.MAX_VALUE),
                r.longValue("log.flush.interval.ms", Long.MAX_VALUE, 1, Long.MAX_VALUE),
                r.longValue("log.flush.offset.checkpoint.interval.ms", 60_000, 1, Integer.MAX_VALUE),
                r.integer("message.max.bytes", LogConfig.MAX_MESSAGE_BYTES_DEFAULT, RecordBatch.HEADER_BYTES,
                        Integer.MAX_VALUE), type,
                r.integer("group.initial.rebalance.delay.ms", 3_000, 0, Integer.MAX_VALUE), minSession, maxSession,
                r.integer("min.insync.replicas", 1, 1, Integer.MAX_VALUE),
                r.longValue("replica.lag.time.max.ms", 30_000, 1, Long.MAX_VALUE),
                r.longValue("producer.id.expiration.ms", 86_400_000, 1, Long.MAX_VALUE));
        List<String> warnings = new ArrayList<>();
        for (String key : toMap(props).keySet()) {
            if (!r.keysRead().contains(key) && !BrokerConfigKeys.ACCEPTED_WITHOUT_EFFECT.contains(key)) {
                warnings.add(source + ": unknown key " + key + " is ignored");
            }
        }
        return new Loaded(config, warnings);
    }

    /** The same configuration with a broker id settled at start-up (from meta.properties or /brokers/seqid). */
    public BrokerConfig withBrokerId(int id) {
        return new BrokerConfig(source, id, reservedBrokerMaxId, listenerHost, listenerPort, advertisedHost,
                advertisedPort, logDirs, zookeeperConnect, zookeeperConnectionTimeoutMs, zookeeperSessionTimeoutMs,
                numPartitions, defaultReplicationFactor, deleteTopicEnable, autoCreateTopicsEnable, numNetworkThreads,
                numIoThreads, socketSendBufferBytes, socketReceiveBufferBytes, socketRequestMaxBytes,
                numRecoveryThreadsPerDataDir, logRetentionMs, logRetentionBytes, logSegmentBytes, logRollMs,
                logRetentionCheckIntervalMs, logIndexIntervalBytes, logIndexSizeMaxBytes, logFlushIntervalMessages,
                logFlushIntervalMs, logFlushOffsetCheckpointIntervalMs, messageMaxBytes, logMessageTimestampType,
                groupInitialRebalanceDelayMs, groupMinSessionTimeoutMs, groupMaxSessionTimeoutMs, minInsyncReplicas,
                replicaLagTimeMaxMs, producerIdExpirationMs);
    }

    /** The broker-wide log settings every topic starts from. */
    public LogConfig logConfig() {
        return new LogConfig(logSegmentBytes, logRollMs, logIndexIntervalBytes, logIndexSizeMaxBytes, logRetentionMs,
                logRetentionBytes, messageMaxBytes, logMessageTimestampType);
    }

    /** {@code zookeeper.connect} without a chroot suffix: the host:port list. */
    public String zookeeperHosts() {
        int slash = zookeeperConnect.indexOf('/');
        return slash < 0 ? zookeeperConnect : zookeeperConnect.substring(0, slash);
    }

    /** The chroot suffix of {@code zookeeper.connect} ({@code /kafka}), or "" for the root. */
    public String zookeeperChroot() {
        int slash = zookeeperConnect.indexOf('/');
        String chroot = slash < 0 ? "" : zookeeperConnect.substring(slash);
        return chroot.equals("/") ? "" : chroot;
    }

    private record Endpoint(String host, int port) {}

    /** The first PLAINTEXT endpoint of a listener list: {@code PLAINTEXT://host:port}. */
    private static Endpoint endpoint(PropertyReader r, String key, String value) throws BrokerConfigException {
        String first = value.split(",")[0].strip();
        URI uri;
        try {
            uri = URI.create(first.replace("://:", "://0.0.0.0:"));
        } catch (IllegalArgumentException e) {
            throw r.bad(key, value, "not a listener of the form PLAINTEXT://host:port");
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("PLAINTEXT") || uri.getPort() < 0
                || uri.getPort() > 65_535 || uri.getHost() == null) {
            throw r.bad(key, value, "not a listener of the form PLAINTEXT://host:port (only PLAINTEXT is supported)");
        }
        String host = uri.getHost().equals("0.0.0.0") ? "" : uri.getHost();
        return new Endpoint(host, uri.getPort());
    }

    private static List<Path> logDirs(PropertyReader r) throws BrokerConfigException {
        String value = r.raw("log.dirs");
        if (value == null) {
            value = r.string("log.dir", DEFAULT_LOG_DIR);
        }
        List<Path> dirs = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        if (dirs.isEmpty()) {
            throw r.bad("log.dirs", value, "names no directory");
        }
        return dirs;
    }

    private static String canonicalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(key -> map.put(key, props.getProperty(key)));
        return map;
    }
}
