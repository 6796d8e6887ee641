package zoolog.faults.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.checker.Checker;
import zoolog.faults.checker.Verdict;
import zoolog.faults.cluster.Cluster;
import zoolog.faults.cluster.EnsembleConfig;
import zoolog.faults.cluster.NodeLaunch;
import zoolog.faults.cluster.NodePorts;
import zoolog.faults.cluster.NodeProcess;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.History;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.history.Operation;
import zoolog.faults.nemesis.Nemesis;
import zoolog.faults.nemesis.NemesisPlan;
import zoolog.faults.report.HtmlReport;
import zoolog.faults.report.OpStats;
import zoolog.faults.report.Summary;
import zoolog.faults.report.SummaryWriter;
import zoolog.faults.workload.Sessions;
import zoolog.faults.workload.Workload;
import zoolog.faults.workload.WorkloadContext;
import zoolog.faults.workload.WorkloadKind;

/**
 * One run of the harness, start to verdict, on the caller's thread: start the ensemble, set up
 * the workloads, run clients and nemesis for the given time, heal everything, stop the clients,
 * make the final reads, stop the ensemble, then check the history and write the summary and the
 * report. A run that breaks (an ensemble that never serves, a node that will not restart) still
 * checks and reports what it recorded, with the problem named and the verdict at best UNKNOWN.
 * A JVM shutdown hook stops the node processes if the harness itself is interrupted.
 */
public final class FaultRun {

    public static final String HISTORY_FILE = "history.jsonl";
    /** Attempts at an admin session after the heal; each waits up to Sessions.CONNECT_WAIT_MILLIS_MAX. */
    static final int ADMIN_ATTEMPTS_MAX = 3;
    static final int ADMIN_SESSION_TIMEOUT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);

    private FaultRun() {
    }

    /** What a run produced: the summary and where its files are. */
    public record Result(Summary summary, Path dir, Path report) {
    }

    public static Result execute(RunSpec spec) throws IOException, InterruptedException {
        Path dir = spec.outDir();
        if (Files.exists(dir.resolve("nodes"))) {
            // Nodes would recover the old run's data, and the checkers assume fresh registers.
            throw new IllegalArgumentException(dir + " already holds a run; choose another --out");
        }
        Files.createDirectories(dir);
        long startedNanos = System.nanoTime();
        AtomicReference<Cluster> running = new AtomicReference<>();
        Thread hook = new Thread(() -> closeQuietly(running.get()), "faults-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        History history = History.writingTo(dir.resolve(HISTORY_FILE), System::nanoTime);
        List<Workload> workloads = new ArrayList<>();
        String problem = null;
        try {
            LOG.info("starting {} {} nodes under {}", spec.nodes(), spec.system().name().toLowerCase(Locale.ROOT), dir);
            Cluster cluster = Cluster.start(spec.nodes(), dir, NodeLaunch.fromHarness(spec.system(), dir),
                    EnsembleConfig.defaults());
            running.set(cluster);
            problem = drive(spec, cluster, history, workloads);
        } catch (IOException | RuntimeException | KeeperException e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("the run broke", e);
        } finally {
            closeQuietly(running.getAndSet(null));
            history.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        List<HistoryEntry> entries = history.entries();
        List<CheckResult> checks = new ArrayList<>();
        Verdict verdict = problem == null ? Verdict.PASS : Verdict.UNKNOWN;
        for (CheckResult result : check(entries, spec.workloads())) {
            checks.add(result);
            verdict = verdict.and(result.verdict());
        }
        if (checks.isEmpty()) {
            verdict = verdict.and(Verdict.UNKNOWN);
        }
        Summary summary = new Summary(spec.system().name().toLowerCase(Locale.ROOT), spec.nodes(),
                spec.workloads().stream().map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList(),
                spec.nemeses().stream().sorted().map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList(),
                spec.seed(), (System.nanoTime() - startedNanos) / 1e9, verdict, checks,
                OpStats.of(Operation.pair(entries)),
                (int) entries.stream().filter(entry -> entry.type() == EntryType.NEMESIS).count(), problem);
        SummaryWriter.write(dir, summary);
        return new Result(summary, dir, HtmlReport.write(dir, summary, entries));
    }

    /** Runs the checkers of the given workloads over a history (a fresh one, or a saved {@code history.jsonl}). */
    public static List<CheckResult> check(List<HistoryEntry> entries, List<WorkloadKind> kinds) {
        List<CheckResult> results = new ArrayList<>();
        for (WorkloadKind kind : kinds) {
            for (Checker checker : kind.checkers()) {
                results.add(checker.check(entries));
            }
        }
        return results;
    }

    /** The run proper on a serving cluster; returns a problem to report, or null. */
    private static String drive(RunSpec spec, Cluster cluster, History history, List<Workload> workloads)
            throws IOException, InterruptedException, KeeperException {
        List<Integer> clientPorts = cluster.nodes().stream().map(NodeProcess::ports).map(NodePorts::clientPort).toList();
        WorkloadContext context = new WorkloadContext(history, cluster.connectString(), clientPorts, spec.clients(),
                spec.seed());
        spec.workloads().forEach(kind -> workloads.add(kind.create(context)));
        ZooKeeper admin = Sessions.connect(cluster.connectString(), ADMIN_SESSION_TIMEOUT_MILLIS);
        try {
            for (Workload workload : workloads) {
                workload.setUp(admin);
            }
        } finally {
            admin.close();
        }
        long runNanos = spec.time().toNanos();
        NemesisPlan plan = NemesisPlan.generate(spec.nemeses(), history.nowNanos(), runNanos,
                spec.nemesisInterval().toNanos(), spec.seed());
        Nemesis nemesis = new Nemesis(cluster, history, plan, spec.seed());
        LOG.info("running {} for {} s with {} planned faults", spec.workloads(), spec.time().toSeconds(),
                plan.steps().size());
        long endNanos = history.nowNanos() + runNanos;
        workloads.forEach(Workload::start);
        nemesis.start();
        while (history.nowNanos() < endNanos && nemesis.failure() == null) {
            LockSupport.parkNanos(endNanos - history.nowNanos());
        }
        LOG.info("time is up; healing");
        nemesis.stopAndHealAll();
        for (Workload workload : workloads) {
            workload.stop();
        }
        finish(cluster, workloads);
        Throwable failure = nemesis.failure();
        return failure == null ? null : "nemesis: " + failure.getMessage();
    }

    private static void finish(Cluster cluster, List<Workload> workloads)
            throws IOException, InterruptedException, KeeperException {
        for (int attempt = 1; ; attempt++) {
            ZooKeeper admin;
            try {
                admin = Sessions.connect(cluster.connectString(), ADMIN_SESSION_TIMEOUT_MILLIS);
            } catch (IOException noSession) {
                if (attempt >= ADMIN_ATTEMPTS_MAX) {
                    throw noSession;
                }
                continue;
            }
            try {
                for (Workload workload : workloads) {
                    workload.finish(admin);
                }
                return;
            } finally {
                admin.close();
            }
        }
    }

    private static void closeQuietly(Cluster cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("stopping the cluster failed", e);
        }
    }
}
