package zoolog.faults.nemesis;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.faults.cluster.Cluster;
import zoolog.faults.cluster.NodeProcess;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.History;
import zoolog.faults.history.HistoryEntry;

/**
 * Carries out a {@link NemesisPlan} against a running {@link Cluster} on its own thread
 * ({@code nemesis}), one fault at a time, and records each injection and heal in the history as
 * a {@code nemesis} line once it is in place. After a restart the nemesis waits until the node
 * serves again, so the next fault never meets a node that is still recovering from the previous one.
 * {@link #stopAndHealAll} (run's main thread) stops the schedule, then heals everything:
 * network, paused and dead nodes, and waits for the whole ensemble to serve.
 */
public final class Nemesis {

    private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);
    /** How long a restarted node may take to serve again before the run is declared broken. */
    static final long RESTART_SERVING_MILLIS_MAX = Cluster.SERVING_WAIT_MILLIS_MAX;

    private final Cluster cluster;
    private final History history;
    private final NemesisPlan plan;
    private final SplittableRandom random;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    public Nemesis(Cluster cluster, History history, NemesisPlan plan, long seed) {
        this.cluster = cluster;
        this.history = history;
        this.plan = plan;
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::runPlan, "nemesis");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** What went wrong on the nemesis thread, if anything (a node that would not come back). */
    public Throwable failure() {
        return failure;
    }

    private void runPlan() {
        try {
            for (NemesisPlan.Step step : plan.steps()) {
                if (!waitUntil(step.startNanos())) {
                    return;
                }
                Runnable heal = inject(step);
                waitUntil(step.startNanos() + step.durationNanos());
                heal.run();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("nemesis failed", e);
        }
    }

    /** Parks until the history's clock reaches {@code nanos}; false if stopped first. */
    private boolean waitUntil(long nanos) {
        while (!stopping) {
            long left = nanos - history.nowNanos();
            if (left <= 0) {
                return true;
            }
            LockSupport.parkNanos(left);
        }
        return false;
    }

    private Runnable inject(NemesisPlan.Step step) {
        List<Integer> ids = cluster.ids();
        int picked = ids.get(step.nodePick() % ids.size());
        boolean leaderWanted = step.targetLeader() || step.shape() == PartitionShape.ISOLATED_LEADER;
        int target = leaderWanted ? cluster.leader().orElse(picked) : picked;
        NodeProcess node = cluster.node(target);
        try {
            switch (step.kind()) {
                case KILL -> {
                    node.kill();
                    record(Fn.KILL, "n" + target, null);
                    return () -> restart(node);
                }
                case PAUSE -> {
                    node.pause();
                    record(Fn.PAUSE, "n" + target, null);
                    return () -> resume(node);
                }
                case PARTITION -> {
                    Partition partition = Partitions.of(step.shape(), ids, target, random);
                    cluster.network().cut(partition.cut());
                    record(Fn.PARTITION, partition.description(), null);
                    return this::healNetwork;
                }
                default -> throw new IllegalStateException("no such fault " + step.kind());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not inject " + step.kind() + " on node " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return () -> { };
        }
    }

    private void restart(NodeProcess node) {
        try {
            node.start();
            record(Fn.RESTART, "n" + node.id(), null);
            cluster.awaitServing(node, RESTART_SERVING_MILLIS_MAX);
        } catch (IOException e) {
            record(Fn.RESTART, "n" + node.id(), "start failed: " + e.getMessage());
            throw new IllegalStateException("could not restart node " + node.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void resume(NodeProcess node) {
        try {
            node.resume();
            record(Fn.RESUME, "n" + node.id(), null);
        } catch (IOException e) {
            throw new IllegalStateException("could not resume node " + node.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void healNetwork() {
        cluster.network().healAll();
        record(Fn.HEAL, "network", null);
    }

    private void record(Fn f, String target, String error) {
        LOG.info("nemesis: {} {}{}", f.jsonName(), target, error == null ? "" : " (" + error + ")");
        history.record(HistoryEntry.of(EntryType.NEMESIS, HistoryEntry.NEMESIS_PROCESS, f).withKey(target)
                .withError(error));
    }

    /**
     * Stops the schedule (a fault in place is left for the heal below), then heals the network,
     * resumes paused nodes, restarts dead ones and waits until every node serves.
     */
    public void stopAndHealAll() throws InterruptedException, IOException {
        stopping = true;
        thread.interrupt();
        thread.join(RESTART_SERVING_MILLIS_MAX + 10_000);
        if (!cluster.network().blockedLinks().isEmpty()) {
            healNetwork();
        }
        for (NodeProcess node : cluster.nodes()) {
            if (node.isPaused()) {
                node.resume();
                record(Fn.RESUME, "n" + node.id(), null);
            } else if (!node.isAlive()) {
                node.start();
                record(Fn.RESTART, "n" + node.id(), null);
            }
        }
        cluster.awaitAllServing(Cluster.SERVING_WAIT_MILLIS_MAX);
    }
}
