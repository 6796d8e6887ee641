package zoolog.coord.node;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.admin.FourLetterWhitelist;
import zoolog.coord.admin.ServerInfo;
import zoolog.coord.cli.RunningServer;
import zoolog.coord.config.CoordConfig;
import zoolog.coord.config.ServerSpec;
import zoolog.coord.core.CoordCore;
import zoolog.coord.core.CoreInput;
import zoolog.coord.net.ClientServer;
import zoolog.coord.net.ConnectionRegistry;
import zoolog.coord.net.FourLetterWordRunner;
import zoolog.coord.net.NettyEffects;
import zoolog.coord.net.ZkFrameCodec;
import zoolog.coord.store.CoordStore;
import zoolog.coord.store.StoreConfig;
import zoolog.coord.store.StoreException;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * A standalone coordination server: the composition root that builds the store, the pure core,
 * the core loop and the Netty client server, and the only place that creates threads
 * ({@code coord-core}, {@code coord-store-writer}, the Netty accept/io groups, {@code coord-purge}).
 * Start-up order is recovery first (load the materialised tree, replay the log tail), then
 * serving; shutdown is the reverse, so no reply is sent for a write that was not made durable.
 */
public final class CoordNode implements RunningServer {

    private static final Logger LOG = LoggerFactory.getLogger(CoordNode.class);

    private final CoordStore store;
    private final CoreLoop loop;
    private final ClientServer server;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ScheduledExecutorService purger;
    private final EnsembleMember ensemble;
    private final InetSocketAddress boundAddress;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private CoordNode(Parts parts) {
        this.store = parts.store;
        this.loop = parts.loop;
        this.server = parts.server;
        this.acceptGroup = parts.acceptGroup;
        this.ioGroup = parts.ioGroup;
        this.purger = parts.purger;
        this.ensemble = parts.ensemble;
        this.boundAddress = parts.boundAddress;
    }

    /** Everything start() builds, so a failure half-way can close what already exists. */
    private static final class Parts {
        CoordStore store;
        CoreLoop loop;
        ClientServer server;
        EventLoopGroup acceptGroup;
        EventLoopGroup ioGroup;
        ScheduledExecutorService purger;
        EnsembleMember ensemble;
        InetSocketAddress boundAddress;
        CoordNode node;
    }

    /** Recovers the state from {@code dataDir}/{@code dataLogDir} and starts serving clients. */
    public static CoordNode start(CoordConfig config, NodeOptions options) throws Exception {
        Clock clock = Clock.systemUTC();
        Parts parts = new Parts();
        try {
            ConnectionRegistry registry = new ConnectionRegistry();
            ZkFrameCodec codec = new ZkFrameCodec();
            parts.store = CoordStore.open(
                    new StoreConfig(config.dataDir(), config.dataLogDir(), config.snapCount(), CoordStore.QUEUED_WRITES_MAX),
                    token -> parts.loop.submit(new CoreInput.Durable(token)),
                    failure -> fatal(parts, "the store failed: " + failure.getMessage()));
            StoreAdapter storeAdapter = new StoreAdapter(parts.store, () -> parts.node);
            NettyEffects effects = new NettyEffects(registry, codec, storeAdapter);
            CoordCore core = new CoordCore(coreSettings(config, options), effects, new SecureRandom(), clock.millis());
            boolean ensemble = isEnsemble(config);
            List<Txn> unapplied = recover(parts.store, core, !ensemble);
            long tickIntervalMillis = config.tickTimeMillis() / 2;
            if (ensemble) {
                parts.ensemble = EnsembleMember.create(config, core, parts.store, storeAdapter, unapplied,
                        () -> parts.loop, reason -> fatal(parts, reason));
                tickIntervalMillis = Math.min(tickIntervalMillis, EnsembleMember.TICK_INTERVAL_MILLIS);
            }
            parts.loop = new CoreLoop(core, effects, clock, tickIntervalMillis,
                    () -> fatal(parts, "the coordination core stopped on a broken invariant"));
            if (ensemble) {
                parts.ensemble.start(clock.millis());
            }
            parts.loop.start();
            ServerInfo info = new ServerInfo(ServerInfo.fullVersion(options.version(), options.builtOn()),
                    ensemble ? quorumConf(config) : ServerInfo.STANDALONE, config.myid().orElse(0), clock.millis(), config.clientPort(), -1,
                    config.dataDir(), config.dataLogDir(), config.tickTimeMillis(), config.clientConnectionsPerHostMax(),
                    config.sessionTimeoutMillisMin(), config.sessionTimeoutMillisMax(), options.listenBacklog());
            FourLetterWordRunner fourLetterWords = new FourLetterWordRunner(parts.loop, registry, info,
                    FourLetterWhitelist.parse(String.join(",", config.fourLetterWordWhitelist())), clock);
            parts.acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("coord-accept"));
            parts.ioGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("coord-io"));
            parts.server = new ClientServer(new ClientServer.Settings(config.clientSocketAddress(),
                    config.clientConnectionsPerHostMax(), config.juteBufferBytesMax(), options.listenBacklog()),
                    parts.acceptGroup, parts.ioGroup, registry, parts.loop, codec, fourLetterWords);
            parts.boundAddress = parts.server.start();
            parts.purger = startPurger(parts.store, config);
            parts.node = new CoordNode(parts);
            LOG.info("Zoolog coordination server listening on {} (zxid 0x{}, {})", parts.boundAddress,
                    Long.toHexString(core.lastProcessedZxid()), ensemble ? "ensemble member " + config.myid().getAsInt()
                            + " of " + config.servers().size() : "standalone");
            return parts.node;
        } catch (Exception | Error e) {
            closeQuietly(parts);
            throw e;
        }
    }

    private static CoordCore.Settings coreSettings(CoordConfig config, NodeOptions options) {
        return new CoordCore.Settings(config.tickTimeMillis(), config.sessionTimeoutMillisMin(),
                config.sessionTimeoutMillisMax(), config.myid().orElse(0), config.extendedTypesEnabled(),
                options.superDigest(), options.containerCheckIntervalMillis());
    }

    private static String quorumConf(CoordConfig config) {
        int myId = config.myid().orElseThrow();
        ServerSpec self = config.servers().stream().filter(spec -> spec.id() == myId).findFirst().orElseThrow();
        // A member's client address is known only when its server line names one, or for ourselves.
        List<String> lines = config.servers().stream()
                .map(spec -> "server." + spec.id() + "=" + spec.host() + ":" + spec.quorumPort() + ":" + spec.electionPort()
                        + ":" + spec.peerType().configName()
                        + (spec.clientPort() != 0 ? ";" + spec.clientHost() + ":" + spec.clientPort()
                        : spec.id() == myId ? ";" + config.clientPortAddress().getHostAddress() + ":" + config.clientPort() : ""))
                .toList();
        return ServerInfo.quorumConf(config.initLimitTicks(), config.syncLimitTicks(), self.electionPort(),
                self.quorumPort(), self.observer(), lines);
    }

    /**
     * A single server line runs standalone unless {@code standaloneEnabled=false}, as in
     * ZooKeeper; two or more make an ensemble.
     */
    private static boolean isEnsemble(CoordConfig config) {
        return config.servers().size() > 1 || (!config.servers().isEmpty() && !config.standaloneEnabled());
    }

    /**
     * Loads the materialised tree and sessions. A standalone server then replays the log written
     * after them (every logged transaction is its own to commit) and returns nothing; an
     * ensemble member returns that tail unapplied, because only the ensemble knows which of it
     * was committed.
     */
    private static List<Txn> recover(CoordStore store, CoordCore core, boolean replay) throws StoreException {
        List<Txn> tail = new ArrayList<>();
        store.load(new CoordStore.LoadVisitor() {
            @Override
            public void node(String path, StoredNode node) {
                core.restoreNode(path, node);
            }

            @Override
            public void session(StoredSession session) {
                core.restoreSession(session);
            }

            @Override
            public void txn(Txn txn) {
                tail.add(txn);
            }
        });
        core.restoredUpTo(store.materializedZxid());
        if (!replay) {
            LOG.info("Recovered state at zxid 0x{}; {} logged transactions wait for the ensemble",
                    Long.toHexString(core.lastProcessedZxid()), tail.size());
            return tail;
        }
        for (Txn txn : tail) {
            core.replay(txn);
        }
        LOG.info("Recovered state at zxid 0x{} ({} logged transactions replayed)",
                Long.toHexString(core.lastProcessedZxid()), tail.size());
        return List.of();
    }

    /** autopurge.purgeInterval hours between purges that keep the newest autopurge.snapRetainCount snapshots. */
    private static ScheduledExecutorService startPurger(CoordStore store, CoordConfig config) {
        if (config.autopurgeIntervalHours() <= 0) {
            return null;
        }
        ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("coord-purge", true));
        purger.scheduleWithFixedDelay(() -> {
            try {
                int removed = store.purge(config.autopurgeSnapRetainCount());
                LOG.info("Purge task removed {} snapshots", removed);
            } catch (StoreException e) {
                LOG.warn("Purge task failed: {}", e.getMessage());
            }
        }, config.autopurgeIntervalHours(), config.autopurgeIntervalHours(), TimeUnit.HOURS);
        return purger;
    }

    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            Parts parts = new Parts();
            parts.server = server;
            parts.loop = loop;
            parts.acceptGroup = acceptGroup;
            parts.ioGroup = ioGroup;
            parts.purger = purger;
            parts.ensemble = ensemble;
            parts.store = store;
            closeQuietly(parts);
            terminated.countDown();
        }
    }

    /** A failed fsync or a broken invariant: stop serving rather than answer from a state we cannot vouch for. */
    private static void fatal(Parts parts, String reason) {
        LOG.error("Stopping: {}", reason);
        CoordNode node = parts.node;
        Thread stopper = new Thread(() -> {
            if (node != null) {
                node.close();
            } else {
                closeQuietly(parts);
            }
        }, "coord-fatal-stop");
        stopper.start();
    }

    private static void closeQuietly(Parts parts) {
        if (parts.server != null) {
            parts.server.close();
        }
        if (parts.ensemble != null) {
            parts.ensemble.close();
        }
        if (parts.loop != null) {
            parts.loop.close();
        }
        if (parts.purger != null) {
            parts.purger.shutdownNow();
        }
        if (parts.acceptGroup != null) {
            parts.acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (parts.ioGroup != null) {
            parts.ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (parts.store != null) {
            try {
                parts.store.close();
            } catch (StoreException e) {
                LOG.warn("Closing the store: {}", e.getMessage());
            }
        }
    }
}
