package zoolog.broker.group;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.state.BrokerStateDb;
import zoolog.protocol.kafka.DescribeGroups;
import zoolog.protocol.kafka.Heartbeat;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.LeaveGroup;
import zoolog.protocol.kafka.ListGroups;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;
import zoolog.protocol.kafka.SyncGroup;

/**
 * The thread-owning facade of the group coordinator that the Kafka API handlers call from Netty
 * threads. Each call becomes a task in a bounded inbox; the single "group-core" thread drains it,
 * runs the pure {@link GroupCoordinator} with {@code clock.millis()}, ticks it every
 * {@link #TICK_INTERVAL_MILLIS}, and performs the coordinator's offset writes as synced
 * {@link BrokerStateDb} writes, so a commit's future completes only after its offsets are on
 * disk. Futures complete on the group-core thread (handlers should only write the response
 * there). A full inbox or a closed service answers with COORDINATOR_NOT_AVAILABLE, which clients
 * retry.
 */
public final class GroupService implements AutoCloseable {

    /** The most requests waiting for the group-core thread; more are refused rather than queued without bound. */
    public static final int INBOX_MAX = 10_000;
    /** How often the core learns the time, which bounds how late a session or rebalance deadline fires. */
    public static final long TICK_INTERVAL_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(GroupService.class);

    /** A unit of work for the core, with the answer to give if it never runs. */
    private record Task(Consumer<GroupCoordinator> work, Runnable refuse) {}

    private final GroupCoordinator core;
    private final Clock clock;
    private final BlockingQueue<Task> inbox = new ArrayBlockingQueue<>(INBOX_MAX);
    private final Thread thread;
    private volatile boolean running = true;

    private GroupService(GroupCoordinator core, Clock clock) {
        this.core = core;
        this.clock = clock;
        this.thread = new Thread(this::run, "group-core");
    }

    /** Loads committed offsets from the db, starts the single "group-core" thread that owns the core and ticks it. */
    public static GroupService start(GroupSettings settings, BrokerStateDb db, Clock clock) throws IOException {
        return start(settings, db, clock, new SecureRandom());
    }

    /** As {@link #start(GroupSettings, BrokerStateDb, Clock)}, with the member-id generator given. */
    public static GroupService start(GroupSettings settings, BrokerStateDb db, Clock clock, RandomGenerator random)
            throws IOException {
        GroupCoordinator core = new GroupCoordinator(settings, random, changes -> persist(db, changes),
                loadOffsets(db));
        GroupService service = new GroupService(core, clock);
        service.thread.start();
        return service;
    }

    /** Every committed offset in the db; entries that do not decode are skipped with a warning. */
    static Map<OffsetKey, CommittedOffset> loadOffsets(BrokerStateDb db) throws IOException {
        Map<OffsetKey, CommittedOffset> loaded = new LinkedHashMap<>();
        try {
            db.scan(BrokerStateDb.Family.GROUP_OFFSETS, new byte[0], (key, value) -> {
                var offsetKey = OffsetCodec.decodeKey(key);
                var offset = OffsetCodec.decodeValue(value);
                if (offsetKey.isPresent() && offset.isPresent()) {
                    loaded.put(offsetKey.get(), offset.get());
                } else {
                    LOG.warn("skipping an undecodable committed offset ({} key bytes)", key.length);
                }
            });
        } catch (RuntimeException e) {
            throw new IOException("cannot load committed offsets: " + e.getMessage(), e);
        }
        LOG.info("loaded {} committed offsets", loaded.size());
        return loaded;
    }

    private static boolean persist(BrokerStateDb db, List<OffsetJournal.Change> changes) {
        Map<byte[], byte[]> batch = new LinkedHashMap<>();
        for (OffsetJournal.Change change : changes) {
            batch.put(OffsetCodec.encodeKey(change.key()),
                    change.value() == null ? null : OffsetCodec.encodeValue(change.value()));
        }
        try {
            db.write(BrokerStateDb.Family.GROUP_OFFSETS, batch);
            return true;
        } catch (IOException e) {
            LOG.error("committing {} offsets failed", changes.size(), e);
            return false;
        }
    }

    public CompletableFuture<JoinGroup.Response> join(JoinGroup.Request request, short version, String clientId,
            String clientHost) {
        return submit(future -> core -> core.onJoin(request, version, clientId, clientHost, clock.millis(),
                future::complete), () -> GroupResponses.join(KafkaError.COORDINATOR_NOT_AVAILABLE, request.memberId()));
    }

    public CompletableFuture<SyncGroup.Response> sync(SyncGroup.Request request, short version) {
        return submit(future -> core -> core.onSync(request, version, clock.millis(), future::complete),
                () -> GroupResponses.sync(KafkaError.COORDINATOR_NOT_AVAILABLE));
    }

    public CompletableFuture<Heartbeat.Response> heartbeat(Heartbeat.Request request, short version) {
        return submit(future -> core -> core.onHeartbeat(request, version, clock.millis(), future::complete),
                () -> GroupResponses.heartbeat(KafkaError.COORDINATOR_NOT_AVAILABLE));
    }

    public CompletableFuture<LeaveGroup.Response> leave(LeaveGroup.Request request, short version) {
        return submit(future -> core -> core.onLeave(request, version, clock.millis(), future::complete),
                () -> GroupResponses.leave(KafkaError.COORDINATOR_NOT_AVAILABLE));
    }

    public CompletableFuture<OffsetCommit.Response> commitOffsets(OffsetCommit.Request request, short version) {
        return submit(future -> core -> core.onCommitOffsets(request, version, clock.millis(), future::complete),
                () -> GroupResponses.commit(KafkaError.COORDINATOR_NOT_AVAILABLE, request));
    }

    public CompletableFuture<OffsetFetch.Response> fetchOffsets(OffsetFetch.Request request, short version) {
        return submit(future -> core -> future.complete(core.fetchOffsets(request, version)),
                () -> GroupResponses.fetch(KafkaError.COORDINATOR_NOT_AVAILABLE, request));
    }

    public CompletableFuture<ListGroups.Response> listGroups(ListGroups.Request request, short version) {
        return submit(future -> core -> future.complete(core.listGroups(request, version)),
                () -> GroupResponses.list(KafkaError.COORDINATOR_NOT_AVAILABLE));
    }

    public CompletableFuture<DescribeGroups.Response> describeGroups(DescribeGroups.Request request, short version) {
        return submit(future -> core -> future.complete(core.describeGroups(request, version)),
                () -> GroupResponses.describe(KafkaError.COORDINATOR_NOT_AVAILABLE, request));
    }

    /** Forget committed offsets of a deleted topic (all groups); fails the future if the store failed. */
    public CompletableFuture<Void> removeOffsetsOfTopic(String topic) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Runnable refuse = () -> future.completeExceptionally(new IOException("the group coordinator is not running"));
        enqueue(new Task(core -> {
            if (core.removeOffsetsOfTopic(topic)) {
                future.complete(null);
            } else {
                future.completeExceptionally(new IOException("deleting the offsets of " + topic + " failed"));
            }
        }, refuse), refuse);
        return future;
    }

    /**
     * Queues the work {@code body} builds for a fresh future; if it cannot run (full inbox, closed
     * service, a bug in the core) the future gets {@code refusal} instead, so no caller waits forever.
     */
    private <R> CompletableFuture<R> submit(Function<CompletableFuture<R>,
            Consumer<GroupCoordinator>> body, Supplier<R> refusal) {
        CompletableFuture<R> future = new CompletableFuture<>();
        Runnable refuse = () -> future.complete(refusal.get());
        enqueue(new Task(body.apply(future), refuse), refuse);
        return future;
    }

    private void enqueue(Task task, Runnable refuse) {
        if (!running || !inbox.offer(task)) {
            refuse.run();
        } else if (!running && inbox.remove(task)) {
            // close() raced with the offer and may already have drained the inbox.
            refuse.run();
        }
    }

    private void run() {
        long nextTickMillis = clock.millis();
        while (running) {
            long nowMillis = clock.millis();
            if (nowMillis >= nextTickMillis) {
                runSafely(() -> core.onTick(nowMillis), null);
                nextTickMillis = nowMillis + TICK_INTERVAL_MILLIS;
            }
            Task task;
            try {
                task = inbox.poll(TICK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (task != null) {
                runSafely(() -> task.work.accept(core), task.refuse);
            }
        }
        for (Task task; (task = inbox.poll()) != null; ) {
            task.refuse.run();
        }
    }

    /**
     * Runs one step of the core; an exception is a bug, logged with the request refused, and the
     * thread keeps serving the other groups.
     */
    private static void runSafely(Runnable step, Runnable refuse) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("group coordinator step failed", e);
            if (refuse != null) {
                refuse.run();
            }
        }
    }

    /** Stops the group-core thread; requests still queued are refused. Does not close the db. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Task task; (task = inbox.poll()) != null; ) {
            task.refuse.run();
        }
    }
}
