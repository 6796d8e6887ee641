package zoolog.bench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zoolog.bench.load.BenchLogging;
import zoolog.bench.load.DurationConverter;
import zoolog.bench.load.LoadFailure;
import zoolog.bench.load.LoadGenerator;
import zoolog.bench.load.LoadResult;
import zoolog.bench.load.LoadRun;
import zoolog.bench.load.LoadSpec;
import zoolog.bench.load.ProcessCpu;
import zoolog.bench.report.ComparisonReport;
import zoolog.bench.report.JsonReport;
import zoolog.bench.report.MarkdownReport;
import zoolog.bench.report.WorkloadRun;

/**
 * The side-by-side comparison ({@code bin/bench coord}): for each target, one after the other, it
 * starts the servers as separate processes on 127.0.0.1 — one standalone server, or with
 * {@code --ensemble N} an {@link Ensemble} of N members — with fresh data directories, waits until they
 * serve, runs every workload with {@link LoadRun} in this JVM (clients connect with every member in the
 * connect string, and the servers' CPU is summed over the members' pids), stops the servers, and finally
 * writes {@code <results-dir>/<timestamp>/report.md} and {@code results.json} and prints the table.
 * Runs on the main thread; a shutdown hook kills servers left running by Ctrl-C.
 */
@Command(name = "coord", mixinStandardHelpOptions = true, sortOptions = false, version = "zoolog bench 0.1.0",
        description = "Compare Apache ZooKeeper and Zoolog's coordination server on this machine.")
public final class CompareRunner implements Callable<Integer> {

    @Spec
    private CommandSpec commandSpec;

    @Mixin
    private ServerOptions server;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1",
            description = "Servers per target: 1 runs a standalone server, 3 a 3-member ensemble (default: ${DEFAULT-VALUE}).")
    private int ensembleSize;

    @Option(names = "--read-ratios", split = ",", paramLabel = "R", defaultValue = "0,0.5,0.9,1.0",
            description = "One workload per getData fraction (default: ${DEFAULT-VALUE}).")
    private List<Double> readRatios;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "32", description = "Client sessions (default: ${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--in-flight", paramLabel = "M", defaultValue = "4",
            description = "Outstanding async requests per session (default: ${DEFAULT-VALUE}).")
    private int inFlightPerSession;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "1024", description = "Znode value size (default: ${DEFAULT-VALUE}).")
    private int valueSizeBytes;

    @Option(names = "--znodes", paramLabel = "K", defaultValue = "1000", description = "Znodes per workload (default: ${DEFAULT-VALUE}).")
    private int znodes;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "15s", converter = DurationConverter.class,
            description = "Longest measured phase per workload (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "Unmeasured warm-up per workload (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "0",
            description = "Also end each measured phase after N operations (0: duration only; default: ${DEFAULT-VALUE}).")
    private long opsMax;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the op mix and values (default: ${DEFAULT-VALUE}).")
    private long seed;

    public static void main(String[] args) {
        BenchLogging.configure();
        System.exit(LoadGenerator.commandLine(new CompareRunner()).execute(args));
    }

    /** The workloads the options describe, in run order, all aimed at {@code connectString}. */
    public List<LoadSpec> workloads(String connectString) {
        List<LoadSpec> workloads = new ArrayList<>();
        for (double readRatio : readRatios) {
            workloads.add(new LoadSpec(connectString, sessions, opsMax, duration, warmup, readRatio,
                    valueSizeBytes, znodes, inFlightPerSession, seed));
        }
        return workloads;
    }

    public List<Target> targets() {
        return server.targets();
    }

    public int ensembleSize() {
        return ensembleSize;
    }

    /** Every problem with the options, one line each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (ensembleSize < 1 || ensembleSize > Ensemble.MEMBERS_MAX) {
            problems.add("--ensemble must be between 1 and " + Ensemble.MEMBERS_MAX + ", not " + ensembleSize);
            return problems;
        }
        problems.addAll(server.problems(ensembleSize));
        if (readRatios.isEmpty()) {
            problems.add("--read-ratios needs at least one ratio");
        }
        workloads("127.0.0.1:" + PortPlan.PORT_MIN).stream().flatMap(spec -> spec.problems().stream()).distinct()
                .forEach(problems::add);
        return problems;
    }

    /** The name a target's rows carry: the target's, plus the member count for an ensemble. */
    String systemName(Target target) {
        return ensembleSize == 1 ? target.cliName() : target.cliName() + " ×" + ensembleSize;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = commandSpec.commandLine().getOut();
        Optional<ServerOptions.Prepared> prepared = server.prepare("coord", problems(), ensembleSize,
                commandSpec.commandLine().getErr());
        if (prepared.isEmpty()) {
            return 2;
        }
        ServerOptions.Prepared run = prepared.get();
        ProcessCpu processCpu = ProcessCpu.detect();
        out.printf("results go to %s%n", run.runDir());
        out.flush();

        List<WorkloadRun> runs = new ArrayList<>();
        for (int i = 0; i < server.targets().size(); i++) {
            runs.addAll(runTarget(run, i, processCpu, out));
        }

        ComparisonReport report = new ComparisonReport(run.startedAt(), run.environment(), settings(processCpu), runs);
        Files.writeString(run.runDir().resolve("report.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(run.runDir().resolve("results.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        out.println();
        out.print(MarkdownReport.comparisonTable(runs));
        out.printf("%nwrote %s and %s%n", run.runDir().resolve("report.md"), run.runDir().resolve("results.json"));
        out.flush();
        boolean clean = runs.stream().allMatch(workload -> workload.result().filter(r -> r.all().errors() == 0).isPresent());
        return clean ? 0 : 1;
    }

    /** Starts one target's servers, runs every workload against them, stops them; failures become failed runs. */
    private List<WorkloadRun> runTarget(ServerOptions.Prepared run, int targetIndex, ProcessCpu processCpu,
            PrintWriter out) throws IOException, InterruptedException {
        String system = systemName(server.targets().get(targetIndex));
        List<WorkloadRun> runs = new ArrayList<>();
        Ensemble ensemble = server.createEnsemble(run, targetIndex, ensembleSize, sessions);
        try (ensemble) {
            List<LoadSpec> workloads = workloads(ensemble.connectString());
            out.printf("%n== %s: starting on %s (logs in %s)%n", system, ensemble.connectString(), run.runDir());
            out.flush();
            ensemble.startAll();
            Optional<String> version = ensemble.awaitHealthy(server.startupTimeout().toMillis());
            if (version.isEmpty()) {
                String reason = (ensemble.allAlive() ? "did not serve within " + DurationConverter.format(server.startupTimeout())
                        : "a server exited during start-up") + "; see the logs in " + run.runDir();
                out.printf("%s %s; last lines of the logs:%n%s%n", system, reason, ensemble.logTails());
                workloads.forEach(spec -> runs.add(WorkloadRun.failed(system, "", spec.workloadName(), reason)));
                return runs;
            }
            out.printf("%s is up (pids %s): %s%n", system, ensemble.pids(), version.get());
            for (LoadSpec spec : workloads) {
                runs.add(runWorkload(system, version.get(), spec, ensemble, processCpu, out));
            }
        } finally {
            server.finished(ensemble);
        }
        return runs;
    }

    private WorkloadRun runWorkload(String system, String version, LoadSpec spec, Ensemble ensemble,
            ProcessCpu processCpu, PrintWriter out) throws InterruptedException {
        String prefix = "[" + system + ", " + spec.workloadName() + "] ";
        if (!ensemble.allAlive()) {
            return WorkloadRun.failed(system, version, spec.workloadName(), "a server had exited; see its log:\n"
                    + ensemble.logTails());
        }
        LoadRun run = new LoadRun(spec, LoadGenerator.freshRoot(), ensemble.pids(), processCpu, line -> {
            out.println(prefix + line);
            out.flush();
        });
        try {
            LoadResult result = run.run();
            out.printf("%s%s ops/s, p50 %d µs, p99 %d µs, errors %d, server CPU-s/1k ops %s, other processes %s CPUs%n",
                    prefix, String.format(Locale.ROOT, "%,.0f", result.opsPerSecond()), result.all().p50Micros(),
                    result.all().p99Micros(), result.all().errors(), result.serverCpuSecondsPer1kOps().isPresent()
                            ? String.format(Locale.ROOT, "%.4f", result.serverCpuSecondsPer1kOps().getAsDouble()) : "n/a",
                    result.otherProcessesCpus().isPresent()
                            ? String.format(Locale.ROOT, "%.2f", result.otherProcessesCpus().getAsDouble()) : "n/a");
            out.flush();
            return WorkloadRun.measured(system, version, spec.workloadName(), result);
        } catch (LoadFailure failure) {
            out.println(prefix + "failed: " + failure.getMessage());
            out.flush();
            return WorkloadRun.failed(system, version, spec.workloadName(), failure.getMessage());
        }
    }

    private Map<String, String> settings(ProcessCpu processCpu) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("servers per target", ensembleSize == 1 ? "1 (standalone)"
                : ensembleSize + "-member ensemble on 127.0.0.1; every session's connect string names all members,"
                        + " server CPU is summed over the members");
        settings.put("workloads (getData fraction)", readRatios.toString());
        settings.put("sessions × in flight per session", sessions + " × " + inFlightPerSession);
        settings.put("value size", valueSizeBytes + " bytes");
        settings.put("znodes per workload", Integer.toString(znodes));
        settings.put("warm-up + measured phase", DurationConverter.format(warmup) + " + up to " + DurationConverter.format(duration)
                + (opsMax > 0 ? " or " + opsMax + " ops" : ""));
        settings.put("server JVM options", String.join(" ", server.serverJvmOptions()));
        settings.put("server logging", ServerLaunch.LOGGING_RESOURCE + " for every server: INFO (Netty WARN) to <target>-server[-N].log");
        settings.put("zoo.cfg", "tickTime=" + ZooCfg.TICK_TIME_MILLIS_DEFAULT + ", maxClientCnxns=" + (sessions + ZooCfg.SPARE_CONNECTIONS)
                + ", 4lw.commands.whitelist=" + ZooCfg.FOUR_LETTER_WORDS
                + (ensembleSize > 1 ? ", initLimit=" + ZooCfg.INIT_LIMIT_TICKS + ", syncLimit=" + ZooCfg.SYNC_LIMIT_TICKS : "")
                + ", fsync on (default forceSync)");
        settings.put("clock ticks per second", Long.toString(processCpu.clockTicksPerSecond()));
        settings.put("seed", Long.toString(seed));
        return settings;
    }
}
