package zoolog.broker.metadata;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** {@link ZkMetadataContract} against Apache ZooKeeper, the reference Kafka was written for. */
class ZkMetadataOnApacheTest extends ZkMetadataContract {

    private static final int TICK_TIME_MILLIS = 200;
    private static final int CONNECTIONS_MAX = 100;

    private ZooKeeperServer server;
    private ServerCnxnFactory connections;

    @Override
    String startServer(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        server = new ZooKeeperServer(dataDir.toFile(), dataDir.toFile(), TICK_TIME_MILLIS);
        connections = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), CONNECTIONS_MAX);
        connections.startup(server);
        return "127.0.0.1:" + connections.getLocalPort();
    }

    @Override
    void stopServer() {
        connections.shutdown();
        server.shutdown();
    }
}
