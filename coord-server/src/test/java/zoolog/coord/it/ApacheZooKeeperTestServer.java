package zoolog.coord.it;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.command.FourLetterCommands;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * Apache ZooKeeper 3.9 in standalone mode, in this JVM: the reference every compatibility test must
 * pass against. It writes a real {@code zoo.cfg} and runs {@link ZooKeeperServerMain} on a thread
 * it owns, so the server is configured exactly as an operator's would be (including the container
 * manager that reaps containers and TTL nodes). The first start binds port 0; restarts reuse the
 * bound port and the data directory. Owned by the JUnit thread of one test class.
 */
public final class ApacheZooKeeperTestServer implements TestServer {

    private static final long STARTUP_TIMEOUT_SECONDS = 30;
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;

    private final TestServerConfig config;
    private final Path baseDir;
    private int clientPort;
    private ZooKeeperServerMain main;
    private Thread runner;

    private ApacheZooKeeperTestServer(TestServerConfig config, Path baseDir) {
        this.config = config;
        this.baseDir = baseDir;
    }

    /** Starts a server whose {@code zoo.cfg} and data live under {@code baseDir}. */
    public static ApacheZooKeeperTestServer start(TestServerConfig config, Path baseDir) throws Exception {
        ApacheZooKeeperTestServer server = new ApacheZooKeeperTestServer(config, baseDir);
        server.startOnce();
        return server;
    }

    private void startOnce() throws Exception {
        // These knobs are JVM-wide in ZooKeeper: TTL nodes need extended types, the container
        // manager reads its interval from a system property, and the 4lw whitelist is parsed once
        // and cached, so it must be reset for each server (a test class may narrow it).
        System.setProperty("zookeeper.extendedTypesEnabled", "true");
        System.setProperty("znode.container.checkIntervalMs", Integer.toString(config.containerCheckIntervalMillis()));
        System.setProperty("zookeeper.4lw.commands.whitelist", config.fourLetterWordWhitelist());
        FourLetterCommands.resetWhiteList();
        // A server error must fail the test, not end the JVM that runs the whole suite.
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);

        Path configFile = writeZooCfg();
        ServerConfig serverConfig = new ServerConfig();
        serverConfig.parse(configFile.toString());

        CompletableFuture<Integer> started = new CompletableFuture<>();
        ZooKeeperServerMain serverMain = new ZooKeeperServerMain() {
            @Override
            protected void serverStarted() {
                started.complete(getClientPort());
            }
        };
        Thread thread = new Thread(() -> {
            try {
                serverMain.runFromConfig(serverConfig);
            } catch (Exception | Error e) {
                started.completeExceptionally(e);
            }
        }, "apache-zookeeper-" + (clientPort == 0 ? "new" : clientPort));
        thread.setDaemon(true);
        thread.start();
        clientPort = started.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        main = serverMain;
        runner = thread;
    }

    private Path writeZooCfg() throws IOException {
        Path dataDir = baseDir.resolve("data");
        Files.createDirectories(dataDir);
        Path file = baseDir.resolve("zoo.cfg");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("tickTime=" + config.tickTimeMillis() + "\n");
            out.write("dataDir=" + dataDir.toAbsolutePath() + "\n");
            out.write("clientPortAddress=127.0.0.1\n");
            out.write("clientPort=" + clientPort + "\n");
            out.write("minSessionTimeout=" + config.effectiveMinSessionTimeoutMillis() + "\n");
            out.write("maxSessionTimeout=" + config.effectiveMaxSessionTimeoutMillis() + "\n");
            out.write("4lw.commands.whitelist=" + config.fourLetterWordWhitelist() + "\n");
            out.write("admin.enableServer=false\n");
        }
        return file;
    }

    private void stop() throws InterruptedException {
        if (main == null) {
            return;
        }
        main.close();
        // runFromConfig returns only after the transaction log is closed; waiting for it keeps a
        // restart from opening the data directory while the old server still writes to it.
        runner.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_TIMEOUT_SECONDS));
        if (runner.isAlive()) {
            throw new IllegalStateException("Apache ZooKeeper did not stop within " + SHUTDOWN_TIMEOUT_SECONDS + " s");
        }
        main = null;
        runner = null;
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
        stop();
        startOnce();
    }

    @Override
    public void verifyCountQuotaExceededWarning(String quotaPath, long count, long countLimit) {
        // Apache ZooKeeper 3.9 only checks quotas when zookeeper.enforceQuota=true; by default an
        // exceeded soft quota leaves no trace at all (3.4's DataTree WARN line is gone).
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping Apache ZooKeeper", e);
        }
        deleteRecursively(baseDir);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
