package zoolog.broker.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.config.BrokerConfig;
import zoolog.protocol.coordclient.CoordClient;
import zoolog.protocol.coordclient.CoordClientConfig;
import zoolog.protocol.coordclient.ConnectionState;
import zoolog.protocol.coordclient.CoordException;
import zoolog.protocol.coordclient.NodeData;
import zoolog.protocol.coordclient.Ops;
import zoolog.protocol.zk.CreateMode;
import zoolog.protocol.zk.ErrorCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.ZkRequest;

/**
 * The broker's metadata in the coordination server, in Kafka's ZooKeeper layout and JSON (Kafka
 * 3.x {@code ZkData}): cluster id, broker registrations, the controller, topics, their configs and
 * partition states, deletion requests. Everything goes through Zoolog's own {@link CoordClient};
 * a {@code zookeeper.connect} chroot ({@code host:2181/kafka}) is applied here by prefixing every
 * path. Methods block up to the connection timeout and turn coordination errors into an
 * {@link IOException} with one line. When the session expires (the broker was cut off for longer
 * than its session timeout, so its ephemeral registration is gone), a new session is opened and
 * the {@link #onNewSession} callbacks run, so the broker registers again as Kafka's does.
 * Thread-safe (the client is; the reference to it is replaced atomically).
 */
public final class ZkMetadata implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkMetadata.class);

    /** Persistent paths a Kafka 3.x broker ensures at start ({@code ZkData.PersistentZkPaths}). */
    private static final List<String> PERSISTENT_PATHS = List.of("/consumers", "/brokers/ids", "/brokers/topics",
            "/config/changes", "/admin/delete_topics", "/brokers/seqid", "/isr_change_notification",
            "/latest_producer_id_block", "/log_dir_event_notification", "/config/topics", "/config/clients",
            "/config/users", "/config/brokers", "/config/ips");
    private static final byte[] EMPTY = new byte[0];

    /** Pause between attempts to open a new session while the coordination server is unreachable. */
    private static final long RENEW_RETRY_MILLIS = 1_000;

    private volatile CoordClient client;
    private final Supplier<CoordClient> newClient;
    private final String chroot;
    private final long timeoutMillis;
    private final List<Runnable> sessionListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService renewer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "coord-session-renewer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    private ZkMetadata(CoordClient client, Supplier<CoordClient> newClient, String chroot, long timeoutMillis) {
        this.client = client;
        this.newClient = newClient;
        this.chroot = chroot;
        this.timeoutMillis = timeoutMillis;
        watchExpiry(client);
    }

    /** Connects to {@code zookeeper.connect}, waiting up to {@code zookeeper.connection.timeout.ms}. */
    public static ZkMetadata connect(BrokerConfig config) throws IOException {
        Supplier<CoordClient> newClient = () -> CoordClient.start(CoordClientConfig.of(config.zookeeperHosts(),
                config.zookeeperSessionTimeoutMs()));
        CoordClient client = newClient.get();
        ZkMetadata metadata = new ZkMetadata(client, newClient, config.zookeeperChroot(),
                config.zookeeperConnectionTimeoutMs());
        try {
            metadata.await(client.connected(), "connect to " + config.zookeeperHosts());
        } catch (IOException e) {
            client.close();
            throw new IOException("cannot reach the coordination server at " + config.zookeeperConnect()
                    + " within " + config.zookeeperConnectionTimeoutMs() + " ms", e);
        }
        return metadata;
    }

    /** Metadata over an existing client; {@code newClient} opens a replacement when its session expires. */
    public static ZkMetadata using(CoordClient client, Supplier<CoordClient> newClient, String chroot,
                                   long timeoutMillis) {
        return new ZkMetadata(client, newClient, chroot, timeoutMillis);
    }

    public CoordClient client() {
        return client;
    }

    /** Runs {@code listener} (on the renewer thread) each time a new session replaced an expired one. */
    public void onNewSession(Runnable listener) {
        sessionListeners.add(listener);
    }

    private void watchExpiry(CoordClient watched) {
        watched.addConnectionStateListener(state -> {
            if (state == ConnectionState.EXPIRED && !closed) {
                renewer.execute(() -> renew(watched));
            }
        });
    }

    private void renew(CoordClient expired) {
        LOG.warn("the session with the coordination server expired; opening a new one");
        while (!closed) {
            CoordClient fresh = newClient.get();
            try {
                CoordClient.await(fresh.connected(), timeoutMillis);
            } catch (CoordException | TimeoutException | RuntimeException e) {
                fresh.close();
                pause();
                continue;
            } catch (InterruptedException e) {
                fresh.close();
                Thread.currentThread().interrupt();
                return;
            }
            client = fresh;
            watchExpiry(fresh);
            expired.close();
            LOG.info("new coordination session 0x{}", Long.toHexString(fresh.sessionId()));
            for (Runnable listener : sessionListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.error("re-establishing after the new session failed: {}", e.toString());
                }
            }
            return;
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RENEW_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The chroot (if any) and Kafka's persistent paths. */
    public void ensurePersistentPaths() throws IOException {
        if (!chroot.isEmpty()) {
            ensureAbsolute(chroot);
        }
        for (String path : PERSISTENT_PATHS) {
            ensureAbsolute(chroot + path);
        }
    }

    /** {@code /cluster/id}, created with a fresh id by the first broker. */
    public String getOrCreateClusterId() throws IOException {
        Optional<NodeData> existing = getData("/cluster/id");
        if (existing.isPresent()) {
            return ZkJson.read(existing.get().data(), "/cluster/id").path("id").asText();
        }
        String id = base64Uuid();
        ensureAbsolute(chroot + "/cluster");
        try {
            await(client.create(abs("/cluster/id"), ZkJson.write(Map.of("version", "1", "id", id)),
                    CreateMode.PERSISTENT), "create /cluster/id");
            return id;
        } catch (CoordFailure e) {
            if (e.code == ErrorCode.NODE_EXISTS) {
                return getOrCreateClusterId();
            }
            throw e;
        }
    }

    /** A broker id above {@code reserved.broker.max.id} from the version of {@code /brokers/seqid}. */
    public int generateBrokerId(int reservedBrokerMaxId) throws IOException {
        Stat stat = await(client.setData(abs("/brokers/seqid"), EMPTY, Ops.ANY_VERSION), "bump /brokers/seqid");
        return stat.version() + reservedBrokerMaxId;
    }

    /** Registers this broker ephemerally; a live registration by another session is an error. */
    public void registerBroker(int brokerId, String host, int port) throws IOException {
        String path = "/brokers/ids/" + brokerId;
        try {
            await(client.create(abs(path), ZkJson.broker(host, port, System.currentTimeMillis()), CreateMode.EPHEMERAL),
                    "register " + path);
        } catch (CoordFailure e) {
            if (e.code != ErrorCode.NODE_EXISTS) {
                throw e;
            }
            Optional<NodeData> holder = getData(path);
            if (holder.isPresent() && holder.get().stat().ephemeralOwner() == client.sessionId()) {
                return;
            }
            String where = holder.map(h -> describeBroker(h.data(), path)).orElse("another broker");
            throw new BrokerIdInUseException("broker.id " + brokerId + " is already registered by a live broker at "
                    + where + " (" + path + "); give this broker another broker.id or stop the other one");
        }
    }

    public List<BrokerInfo> liveBrokers() throws IOException {
        List<BrokerInfo> brokers = new ArrayList<>();
        for (String id : children("/brokers/ids")) {
            Optional<NodeData> data = getData("/brokers/ids/" + id);
            if (data.isPresent()) {
                JsonNode json = ZkJson.read(data.get().data(), "/brokers/ids/" + id);
                brokers.add(new BrokerInfo(Integer.parseInt(id), json.path("host").asText(), json.path("port").asInt()));
            }
        }
        return brokers;
    }

    /**
     * Creates {@code /controller} for this broker and bumps {@code /controller_epoch} in one
     * multi; the new controller epoch, or empty when another broker is controller.
     */
    public OptionalInt tryElectController(int brokerId) throws IOException {
        while (true) {
            Optional<NodeData> epochNode = getData("/controller_epoch");
            if (epochNode.isEmpty()) {
                createIfAbsent("/controller_epoch", "0".getBytes(StandardCharsets.US_ASCII));
                continue;
            }
            int epoch = Integer.parseInt(new String(epochNode.get().data(), StandardCharsets.US_ASCII).strip()) + 1;
            List<ZkRequest> ops = List.of(
                    Ops.create(abs("/controller"), ZkJson.controller(brokerId, System.currentTimeMillis()),
                            CreateMode.EPHEMERAL),
                    Ops.setData(abs("/controller_epoch"), Integer.toString(epoch).getBytes(StandardCharsets.US_ASCII),
                            epochNode.get().stat().version()));
            try {
                await(client.multi(ops), "elect the controller");
                return OptionalInt.of(epoch);
            } catch (CoordFailure e) {
                if (e.code == ErrorCode.NODE_EXISTS) {
                    return OptionalInt.empty();
                }
                if (e.code != ErrorCode.BAD_VERSION) {
                    throw e;
                }
            }
        }
    }

    public OptionalInt controllerId() throws IOException {
        Optional<NodeData> node = getData("/controller");
        return node.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(ZkJson.read(node.get().data(), "/controller").path("brokerid").asInt());
    }

    /**
     * Claims the next block of {@code blockSize} producer ids: reads
     * {@code /latest_producer_id_block}, writes the following block with the version it read, and
     * retries if another broker won the race. Returns {start, end}, both inclusive.
     */
    public long[] claimProducerIdBlock(int brokerId, int blockSize) throws IOException {
        String path = "/latest_producer_id_block";
        while (true) {
            Optional<NodeData> node = getData(path);
            long start = 0;
            if (node.isPresent() && node.get().data() != null && node.get().data().length > 0) {
                start = Long.parseLong(ZkJson.read(node.get().data(), path).path("block_end").asText()) + 1;
            }
            long end = start + blockSize - 1;
            byte[] data = ZkJson.write(Map.of("version", 1, "broker", brokerId, "block_start", Long.toString(start),
                    "block_end", Long.toString(end)));
            try {
                if (node.isEmpty()) {
                    await(client.create(abs(path), data, CreateMode.PERSISTENT), "create " + path);
                } else {
                    await(client.setData(abs(path), data, node.get().stat().version()), "claim a producer id block");
                }
                return new long[] {start, end};
            } catch (CoordFailure e) {
                if (e.code != ErrorCode.BAD_VERSION && e.code != ErrorCode.NODE_EXISTS) {
                    throw e;
                }
            }
        }
    }

    // ---- topics -------------------------------------------------------------------------------

    /**
     * Writes {@code /config/topics/<t>} and {@code /brokers/topics/<t>} in one multi; false if the
     * topic exists already.
     */
    public boolean createTopic(String topic, String topicId, Map<Integer, List<Integer>> assignment,
                               Map<String, String> configs) throws IOException {
        List<ZkRequest> ops = List.of(
                Ops.create(abs("/config/topics/" + topic), ZkJson.topicConfig(configs), CreateMode.PERSISTENT),
                Ops.create(abs("/brokers/topics/" + topic), ZkJson.topic(topicId, assignment), CreateMode.PERSISTENT));
        try {
            await(client.multi(ops), "create topic " + topic);
            return true;
        } catch (CoordFailure e) {
            if (e.code == ErrorCode.NODE_EXISTS) {
                return false;
            }
            throw e;
        }
    }

    public Optional<TopicRecord> topic(String topic) throws IOException {
        String path = "/brokers/topics/" + topic;
        Optional<NodeData> node = getData(path);
        return node.isEmpty() ? Optional.empty() : Optional.of(ZkJson.topicRecord(topic, node.get().data(), path));
    }

    public List<String> topicNames() throws IOException {
        return children("/brokers/topics");
    }

    /** Calls {@code onChange} whenever the topic list or the deletion requests change; re-armed each time. */
    public void watchTopics(Runnable onChange) {
        armChildWatch("/brokers/topics", onChange);
        armChildWatch("/admin/delete_topics", onChange);
    }

    public Map<String, String> topicConfig(String topic) throws IOException {
        String path = "/config/topics/" + topic;
        Optional<NodeData> node = getData(path);
        return node.isEmpty() ? Map.of() : ZkJson.topicConfig(node.get().data(), path);
    }

    /** Grows the assignment of an existing topic (the caller checked it only grows). */
    public void addPartitions(String topic, Map<Integer, List<Integer>> assignment) throws IOException {
        String path = "/brokers/topics/" + topic;
        NodeData current = getData(path).orElseThrow(() -> new IOException(path + " does not exist"));
        String topicId = ZkJson.topicRecord(topic, current.data(), path).topicId();
        await(client.setData(abs(path), ZkJson.topic(topicId, assignment), current.stat().version()),
                "add partitions to " + topic);
    }

    public Optional<PartitionState> partitionState(String topic, int partition) throws IOException {
        String path = statePath(topic, partition);
        Optional<NodeData> node = getData(path);
        return node.isEmpty() ? Optional.empty() : Optional.of(ZkJson.partitionState(node.get().data(), path));
    }

    public void writePartitionState(String topic, int partition, PartitionState state) throws IOException {
        String path = statePath(topic, partition);
        byte[] data = ZkJson.partitionState(state);
        if (getData(path).isPresent()) {
            await(client.setData(abs(path), data, Ops.ANY_VERSION), "write " + path);
        } else {
            ensureAbsolute(chroot + "/brokers/topics/" + topic + "/partitions/" + partition);
            createIfAbsent(path, data);
        }
    }

    public void markTopicForDeletion(String topic) throws IOException {
        createIfAbsent("/admin/delete_topics/" + topic, EMPTY);
    }

    public List<String> topicsMarkedForDeletion() throws IOException {
        return children("/admin/delete_topics");
    }

    /** Removes the topic's znodes and its deletion marker. */
    public void completeTopicDeletion(String topic) throws IOException {
        deleteRecursively("/brokers/topics/" + topic);
        deleteRecursively("/config/topics/" + topic);
        deleteRecursively("/admin/delete_topics/" + topic);
    }

    @Override
    public void close() {
        closed = true;
        renewer.shutdownNow();
        client.close();
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private static String statePath(String topic, int partition) {
        return "/brokers/topics/" + topic + "/partitions/" + partition + "/state";
    }

    private String abs(String path) {
        return chroot + path;
    }

    private Optional<NodeData> getData(String path) throws IOException {
        try {
            return Optional.of(await(client.getData(abs(path)), "read " + path));
        } catch (CoordFailure e) {
            if (e.code == ErrorCode.NO_NODE) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private List<String> children(String path) throws IOException {
        try {
            return await(client.getChildren(abs(path)), "list " + path);
        } catch (CoordFailure e) {
            if (e.code == ErrorCode.NO_NODE) {
                return List.of();
            }
            throw e;
        }
    }

    private void createIfAbsent(String path, byte[] data) throws IOException {
        try {
            await(client.create(abs(path), data, CreateMode.PERSISTENT), "create " + path);
        } catch (CoordFailure e) {
            if (e.code != ErrorCode.NODE_EXISTS) {
                throw e;
            }
        }
    }

    /** Creates {@code absolutePath} and its missing parents. */
    private void ensureAbsolute(String absolutePath) throws IOException {
        int from = 1;
        while (from <= absolutePath.length()) {
            int slash = absolutePath.indexOf('/', from);
            String prefix = slash < 0 ? absolutePath : absolutePath.substring(0, slash);
            try {
                await(client.create(prefix, EMPTY, CreateMode.PERSISTENT), "create " + prefix);
            } catch (CoordFailure e) {
                if (e.code != ErrorCode.NODE_EXISTS) {
                    throw e;
                }
            }
            if (slash < 0) {
                return;
            }
            from = slash + 1;
        }
    }

    private void deleteRecursively(String path) throws IOException {
        for (String child : children(path)) {
            deleteRecursively(path + "/" + child);
        }
        try {
            await(client.delete(abs(path), Ops.ANY_VERSION), "delete " + path);
        } catch (CoordFailure e) {
            if (e.code != ErrorCode.NO_NODE) {
                throw e;
            }
        }
    }

    private void armChildWatch(String path, Runnable onChange) {
        client.getChildren(abs(path), event -> {
            armChildWatch(path, onChange);
            onChange.run();
        }).exceptionally(failure -> {
            LOG.warn("could not watch {}: {}", path, failure.toString());
            return null;
        });
    }

    private static String describeBroker(byte[] data, String path) {
        try {
            JsonNode json = ZkJson.read(data, path);
            return json.path("host").asText() + ":" + json.path("port").asInt();
        } catch (IOException e) {
            return "an unknown address";
        }
    }

    private static String base64Uuid() {
        UUID id = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** A coordination error with its code, for the callers that expect some codes. */
    private static final class CoordFailure extends IOException {
        final ErrorCode code;

        CoordFailure(String what, CoordException cause) {
            super("coordination server: cannot " + what + ": " + cause.getMessage(), cause);
            this.code = cause.code();
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return CoordClient.await(future, timeoutMillis);
        } catch (CoordException e) {
            throw new CoordFailure(what, e);
        } catch (TimeoutException e) {
            throw new IOException("coordination server: cannot " + what + " within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what, e);
        }
    }
}
