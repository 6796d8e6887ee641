package zoolog.coord.kafka;

import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import scala.Option;

/**
 * One Apache Kafka 3.9 broker in ZooKeeper mode, running inside the test JVM and pointed at a
 * coordination server through {@code zookeeper.connect}. It is the deprecated but still shipped
 * {@link KafkaServer}, the broker that keeps all its cluster metadata in znodes, which makes it the
 * most demanding real client a ZooKeeper-compatible server can have. Settings are the smallest that
 * work for one broker (replication factor 1, one offsets partition, no rebalance delay), so start-up
 * takes seconds. Kafka's exit and halt calls are turned into exceptions while it runs, so a fatal
 * broker error fails the test instead of killing the test JVM. Owned by the test thread.
 */
final class EmbeddedKafkaBroker implements AutoCloseable {

    static final int BROKER_ID = 0;
    static final String LISTENER = "PLAINTEXT";
    /** Well inside Zoolog's default session bounds (2 × and 20 × a 2 s tick). */
    static final int ZOOKEEPER_SESSION_TIMEOUT_MILLIS = 10_000;
    /** The log cleaner allocates this much per thread up front; Kafka's 128 MiB default is wasteful here. */
    private static final int CLEANER_DEDUPE_BUFFER_BYTES = 2 * 1024 * 1024;

    private final KafkaServer server;
    private final int port;
    private boolean running = true;

    private EmbeddedKafkaBroker(KafkaServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the broker; returns once it has registered itself under {@code /brokers/ids}. */
    static EmbeddedKafkaBroker start(String zookeeperConnect, Path logDir) {
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka called exit(" + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka called halt(" + status + "): " + message);
        });
        try {
            KafkaServer server = new KafkaServer(KafkaConfig.fromProps(properties(zookeeperConnect, logDir)),
                    Time.SYSTEM, Option.empty(), false);
            server.startup();
            return new EmbeddedKafkaBroker(server, server.boundPort(ListenerName.normalised(LISTENER)));
        } catch (RuntimeException e) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
            throw e;
        }
    }

    private static Properties properties(String zookeeperConnect, Path logDir) {
        Properties props = new Properties();
        props.put("zookeeper.connect", zookeeperConnect);
        props.put("zookeeper.session.timeout.ms", Integer.toString(ZOOKEEPER_SESSION_TIMEOUT_MILLIS));
        props.put("zookeeper.connection.timeout.ms", Integer.toString(ZOOKEEPER_SESSION_TIMEOUT_MILLIS));
        props.put("broker.id", Integer.toString(BROKER_ID));
        // Port 0: Kafka binds first and registers the bound port, so no free-port race.
        props.put("listeners", LISTENER + "://127.0.0.1:0");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.network.threads", "1");
        props.put("num.io.threads", "2");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(CLEANER_DEDUPE_BUFFER_BYTES));
        return props;
    }

    int brokerId() {
        return BROKER_ID;
    }

    int port() {
        return port;
    }

    /** The listener exactly as Kafka writes it into its {@code /brokers/ids/<id>} registration. */
    String endpoint() {
        return LISTENER + "://127.0.0.1:" + port;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Controlled shutdown: the broker hands off its partitions, then closes its ZooKeeper session. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
