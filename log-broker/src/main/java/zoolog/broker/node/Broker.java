package zoolog.broker.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.api.BrokerIdentity;
import zoolog.broker.api.KafkaApis;
import zoolog.broker.config.BrokerConfig;
import zoolog.broker.config.MetaProperties;
import zoolog.broker.config.TopicConfigs;
import zoolog.broker.group.GroupService;
import zoolog.broker.group.GroupSettings;
import zoolog.broker.log.LogConfig;
import zoolog.broker.metadata.ZkMetadata;
import zoolog.broker.net.KafkaServer;
import zoolog.broker.net.Reply;
import zoolog.broker.net.RequestContext;
import zoolog.broker.net.RequestHandler;
import zoolog.broker.partition.FlushPolicy;
import zoolog.broker.partition.LogManager;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.producer.ProducerIdManager;
import zoolog.broker.producer.ProducerStateStore;
import zoolog.broker.state.BrokerStateDb;
import zoolog.broker.topic.TopicManager;
import zoolog.protocol.kafka.KafkaRequestFrame;

/**
 * The composition root of one broker: it connects to the coordination server, settles the
 * broker's identity (cluster id, broker id, {@code meta.properties}), recovers the logs, starts
 * the group coordinator, the topic manager and the Kafka listener, and registers the broker under
 * {@code /brokers/ids} last, once it can serve. Shutdown runs the same steps backwards, so the
 * broker disappears from {@code /brokers/ids} before it stops answering. Periodic duties (flush,
 * checkpoints, retention) run on one "broker-scheduler" thread.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** Producer ids claimed from the coordination server at a time, as Kafka does. */
    private static final int PRODUCER_ID_BLOCK_SIZE = 1000;
    /** Extra time, beyond the session timeout, to wait for a previous incarnation's znodes to expire. */
    private static final long EXPIRY_GRACE_MILLIS = 2_000;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final List<AutoCloseable> stopInReverse = new ArrayList<>();
    private InetSocketAddress boundAddress;
    private int brokerId;
    private String clusterId;

    private Broker() {}

    /** Starts a broker from a loaded configuration; throws with a one-line message when it cannot. */
    public static Broker start(BrokerConfig config) throws IOException, InterruptedException {
        Broker broker = new Broker();
        try {
            broker.startUp(config, Clock.systemUTC());
            return broker;
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private void startUp(BrokerConfig config, Clock clock) throws IOException, InterruptedException {
        ZkMetadata zk = ZkMetadata.connect(config);
        stopInReverse.add(zk);
        zk.ensurePersistentPaths();
        clusterId = zk.getOrCreateClusterId();
        brokerId = resolveBrokerId(config, zk);
        MetaProperties.ensure(config.logDirs(), clusterId, brokerId);
        BrokerConfig settled = config.withBrokerId(brokerId);

        Map<String, LogConfig> topicLogConfigs = new HashMap<>();
        LogManager.Opened opened = LogManager.open(settled.logDirs(), tp -> topicLogConfigs.computeIfAbsent(tp.topic(),
                topic -> TopicConfigs.effective(settled, readTopicConfig(zk, topic))),
                settled.numRecoveryThreadsPerDataDir());
        BrokerStateDb stateDb = BrokerStateDb.open(settled.logDirs().get(0));
        stopInReverse.add(stateDb);
        ReplicaManager replicas = new ReplicaManager(brokerId, opened.manager(), opened.logs(),
                new FlushPolicy(settled.logFlushIntervalMessages()), new ProducerStateStore(stateDb));
        stopInReverse.add(replicas);

        int controllerEpoch = electController(zk, settled);
        GroupService groups = GroupService.start(new GroupSettings(settled.groupInitialRebalanceDelayMs(),
                settled.groupMinSessionTimeoutMs(), settled.groupMaxSessionTimeoutMs(), Integer.MAX_VALUE), stateDb,
                clock);
        stopInReverse.add(groups);
        TopicManager topics = new TopicManager(settled, zk, replicas, controllerEpoch,
                topic -> groups.removeOffsetsOfTopic(topic));
        stopInReverse.add(topics);
        topics.start();

        ProducerIdManager producerIds = new ProducerIdManager(zk, brokerId, PRODUCER_ID_BLOCK_SIZE);
        ExecutorService blockingWork = Executors.newFixedThreadPool(Math.max(1, settled.numIoThreads()), daemon("broker-io"));
        stopInReverse.add(blockingWork::shutdownNow);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("broker-scheduler"));
        stopInReverse.add(scheduler::shutdownNow);
        schedulePeriodicDuties(scheduler, settled, replicas, clock);

        KafkaServer.Settings listener = new KafkaServer.Settings(settled.listenerHost(), settled.listenerPort(),
                settled.numNetworkThreads(), settled.socketSendBufferBytes(), settled.socketReceiveBufferBytes(),
                settled.socketRequestMaxBytes());
        RouterSlot router = new RouterSlot();
        KafkaServer server = new KafkaServer(listener, router);
        boundAddress = server.start();
        stopInReverse.add(server);
        int advertisedPort = settled.advertisedPort() == 0 ? boundAddress.getPort() : settled.advertisedPort();
        router.apis = new KafkaApis(new BrokerIdentity(brokerId, settled.advertisedHost(), advertisedPort,
                clusterId), settled, replicas, topics, groups, producerIds, blockingWork, clock);
        registerBroker(zk, settled, advertisedPort);
        zk.onNewSession(() -> reestablish(zk, settled, advertisedPort));
        LOG.info("[KafkaServer id={}] started (cluster {}, listener {})", brokerId, clusterId, boundAddress);
    }

    /**
     * Holds the request router, which can only be built once the listener is bound: with
     * {@code port=0} (tests) the advertised port is known only then. A client that connects in
     * that instant has its connection closed and retries, as with a broker still starting.
     */
    private static final class RouterSlot implements RequestHandler {
        volatile KafkaApis apis;

        @Override
        public CompletableFuture<Reply> handle(RequestContext context, KafkaRequestFrame request) {
            KafkaApis router = apis;
            return router == null
                    ? CompletableFuture.failedFuture(new IllegalStateException("broker still starting"))
                    : router.handle(context, request);
        }
    }

    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    public int brokerId() {
        return brokerId;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Stops everything started, newest first; errors are logged, never thrown. */
    @Override
    public void close() {
        for (int i = stopInReverse.size() - 1; i >= 0; i--) {
            try {
                stopInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", e.toString());
            }
        }
        stopInReverse.clear();
    }

    private static int resolveBrokerId(BrokerConfig config, ZkMetadata zk) throws IOException {
        if (config.brokerId() >= 0) {
            return config.brokerId();
        }
        OptionalInt stored = MetaProperties.storedBrokerId(config.logDirs());
        return stored.isPresent() ? stored.getAsInt() : zk.generateBrokerId(config.reservedBrokerMaxId());
    }

    private static Map<String, String> readTopicConfig(ZkMetadata zk, String topic) {
        try {
            return zk.topicConfig(topic);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Becomes controller. A previous incarnation killed with {@code kill -9} may still hold
     * {@code /controller} until its session expires, so keep trying for one session timeout.
     */
    private int electController(ZkMetadata zk, BrokerConfig config) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + config.zookeeperSessionTimeoutMs() + EXPIRY_GRACE_MILLIS;
        while (true) {
            OptionalInt epoch = zk.tryElectController(brokerId);
            if (epoch.isPresent()) {
                LOG.info("broker {} is the controller (epoch {})", brokerId, epoch.getAsInt());
                return epoch.getAsInt();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("/controller is held by broker " + zk.controllerId().orElse(-1)
                        + " and Zoolog runs a single broker per cluster; stop the other broker first");
            }
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    /** Registers under /brokers/ids, waiting out a previous incarnation's ephemeral node. */
    private void registerBroker(ZkMetadata zk, BrokerConfig config, int advertisedPort)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + config.zookeeperSessionTimeoutMs() + EXPIRY_GRACE_MILLIS;
        while (true) {
            try {
                zk.registerBroker(brokerId, config.advertisedHost(), advertisedPort);
                return;
            } catch (zoolog.broker.metadata.BrokerIdInUseException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    /** After a new coordination session replaced an expired one: controller and registration again. */
    private void reestablish(ZkMetadata zk, BrokerConfig config, int advertisedPort) {
        try {
            zk.tryElectController(brokerId);
            zk.registerBroker(brokerId, config.advertisedHost(), advertisedPort);
            LOG.info("broker {} registered again under /brokers/ids after its session expired", brokerId);
        } catch (IOException e) {
            LOG.error("could not register again after the coordination session expired: {}", e.getMessage());
        }
    }

    private static void schedulePeriodicDuties(ScheduledExecutorService scheduler, BrokerConfig config,
                                               ReplicaManager replicas, Clock clock) {
        if (config.logFlushIntervalMs() > 0 && config.logFlushIntervalMs() < Long.MAX_VALUE) {
            scheduler.scheduleWithFixedDelay(replicas::flushAll, config.logFlushIntervalMs(),
                    config.logFlushIntervalMs(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(() -> {
            replicas.flushAll();
            try {
                replicas.checkpointAll();
            } catch (IOException e) {
                LOG.error("could not write offset checkpoints: {}", e.toString());
            }
        }, config.logFlushOffsetCheckpointIntervalMs(), config.logFlushOffsetCheckpointIntervalMs(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> replicas.applyRetention(clock.millis()),
                config.logRetentionCheckIntervalMs(), config.logRetentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
