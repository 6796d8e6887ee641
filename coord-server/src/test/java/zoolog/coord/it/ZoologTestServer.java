package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import zoolog.coord.config.CoordConfig;
import zoolog.coord.config.ParseResult;
import zoolog.coord.config.ZooCfgParser;
import zoolog.coord.node.CoordNode;
import zoolog.coord.node.NodeOptions;

/**
 * Zoolog's coordination node, in-process, behind the compatibility tests' {@link TestServer}
 * interface. It is configured through a real zoo.cfg parsed by the production parser, so the
 * tests also exercise the configuration path; restarts reuse the port and the data directory.
 */
public final class ZoologTestServer implements TestServer {

    private static final String QUOTA_LOGGER = "zoolog.coord.tree.Quotas";

    private final TestServerConfig config;
    private final Path baseDir;
    private final int clientPort;
    private final ListAppender<ILoggingEvent> quotaWarnings = new ListAppender<>();
    private CoordNode node;

    private ZoologTestServer(TestServerConfig config, Path baseDir, int clientPort) {
        this.config = config;
        this.baseDir = baseDir;
        this.clientPort = clientPort;
    }

    public static ZoologTestServer start(TestServerConfig config, Path baseDir) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ZoologTestServer server = new ZoologTestServer(config, baseDir, port);
        server.quotaWarnings.start();
        ((Logger) LoggerFactory.getLogger(QUOTA_LOGGER)).addAppender(server.quotaWarnings);
        server.startNode();
        return server;
    }

    private void startNode() throws Exception {
        Files.createDirectories(baseDir);
        List<String> lines = new ArrayList<>(List.of(
                "tickTime=" + config.tickTimeMillis(),
                "dataDir=" + baseDir.resolve("data"),
                "clientPort=" + clientPort,
                "clientPortAddress=127.0.0.1",
                "4lw.commands.whitelist=" + config.fourLetterWordWhitelist(),
                "extendedTypesEnabled=true"));
        if (config.minSessionTimeoutMillis() != -1) {
            lines.add("minSessionTimeout=" + config.minSessionTimeoutMillis());
        }
        if (config.maxSessionTimeoutMillis() != -1) {
            lines.add("maxSessionTimeout=" + config.maxSessionTimeoutMillis());
        }
        ParseResult parsed = ZooCfgParser.withSystemResolver().parse("zoo.cfg", String.join("\n", lines) + "\n");
        CoordConfig coordConfig = parsed.config().orElseThrow(() -> new IllegalStateException(parsed.errors().toString()));
        NodeOptions defaults = NodeOptions.fromSystemProperties();
        node = CoordNode.start(coordConfig, new NodeOptions(defaults.version(), defaults.builtOn(), null,
                config.containerCheckIntervalMillis(), defaults.listenBacklog()));
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + clientPort;
    }

    @Override
    public int clientPort() {
        return clientPort;
    }

    @Override
    public TestServerConfig config() {
        return config;
    }

    @Override
    public void restart() throws Exception {
        node.close();
        startNode();
    }

    @Override
    public void verifyCountQuotaExceededWarning(String quotaPath, long count, long countLimit) {
        String expected = "Quota exceeded: " + quotaPath + " count=" + count + " limit=" + countLimit;
        List<String> logged = quotaWarnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(logged.contains(expected), "expected WARN '" + expected + "', logged: " + logged);
    }

    @Override
    public void close() throws IOException {
        ((Logger) LoggerFactory.getLogger(QUOTA_LOGGER)).detachAppender(quotaWarnings);
        node.close();
        ApacheZooKeeperTestServer.deleteRecursively(baseDir);
    }
}
