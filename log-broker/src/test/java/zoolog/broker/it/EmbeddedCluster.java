package zoolog.broker.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import zoolog.broker.config.BrokerConfig;
import zoolog.broker.node.Broker;
import zoolog.coord.config.CoordConfig;
import zoolog.coord.config.ParseResult;
import zoolog.coord.config.ZooCfgParser;
import zoolog.coord.node.CoordNode;
import zoolog.coord.node.NodeOptions;

/**
 * A standalone Zoolog coordination server and one broker in this JVM, on free loopback ports,
 * with their data under a test's temporary directory. {@link #restartBroker()} stops the broker
 * cleanly and starts it again on the same port and log directory, as a restart test needs.
 */
final class EmbeddedCluster implements AutoCloseable {

    private final Path dir;
    private final Map<String, String> brokerOverrides;
    private final CoordNode coord;
    private final int coordPort;
    private final int brokerPort;
    private Broker broker;

    private EmbeddedCluster(Path dir, Map<String, String> brokerOverrides, CoordNode coord, int coordPort,
                            int brokerPort) {
        this.dir = dir;
        this.brokerOverrides = brokerOverrides;
        this.coord = coord;
        this.coordPort = coordPort;
        this.brokerPort = brokerPort;
    }

    static EmbeddedCluster start(Path dir, Map<String, String> brokerOverrides) throws Exception {
        EmbeddedCluster cluster = startCoordination(dir, brokerOverrides);
        cluster.startBroker();
        return cluster;
    }

    /** Only the coordination server; {@link #brokerPort()} is reserved for a broker started elsewhere. */
    static EmbeddedCluster startCoordination(Path dir, Map<String, String> brokerOverrides) throws Exception {
        int[] ports = freePorts();
        int coordPort = ports[0];
        String zooCfg = String.join("\n", List.of("tickTime=200", "dataDir=" + dir.resolve("coord"),
                "clientPort=" + coordPort, "clientPortAddress=127.0.0.1")) + "\n";
        ParseResult parsed = ZooCfgParser.withSystemResolver().parse("zoo.cfg", zooCfg);
        CoordConfig coordConfig = parsed.config().orElseThrow(() -> new IllegalStateException(parsed.errors().toString()));
        CoordNode coord = CoordNode.start(coordConfig, NodeOptions.fromSystemProperties());
        return new EmbeddedCluster(dir, brokerOverrides, coord, coordPort, ports[1]);
    }

    String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    int brokerPort() {
        return brokerPort;
    }

    String coordConnect() {
        return "127.0.0.1:" + coordPort;
    }

    Broker broker() {
        return broker;
    }

    Path logDir() {
        return dir.resolve("kafka-logs");
    }

    void restartBroker() throws Exception {
        broker.close();
        startBroker();
    }

    private void startBroker() throws Exception {
        Properties props = new Properties();
        props.setProperty("broker.id", "0");
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("log.dirs", logDir().toString());
        props.setProperty("zookeeper.connect", coordConnect());
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("num.partitions", "1");
        brokerOverrides.forEach(props::setProperty);
        BrokerConfig config = BrokerConfig.parse(dir.resolve("server.properties"), props).config();
        broker = Broker.start(config);
    }

    @Override
    public void close() throws IOException {
        if (broker != null) {
            broker.close();
        }
        coord.close();
    }

    /** Two distinct free ports: both probes are open at once, so the kernel cannot hand out one twice. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
