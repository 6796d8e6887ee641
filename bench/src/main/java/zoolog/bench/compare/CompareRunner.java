package zoolog.bench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
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
import zoolog.bench.report.BenchEnvironment;
import zoolog.bench.report.ComparisonReport;
import zoolog.bench.report.JsonReport;
import zoolog.bench.report.MarkdownReport;
import zoolog.bench.report.WorkloadRun;

/**
 * The side-by-side comparison ({@code bin/bench coord}): for each target, one after the other, it
 * writes a zoo.cfg with fresh data directories, starts the server as a separate process on
 * 127.0.0.1, waits for {@code ruok}/{@code srvr}, runs every workload with {@link LoadRun} in this
 * JVM (measuring the server's CPU through its pid), stops the server, and finally writes
 * {@code <results-dir>/<timestamp>/report.md} and {@code results.json} and prints the table.
 * Runs on the main thread; a shutdown hook kills a server left running by Ctrl-C.
 */
@Command(name = "coord", mixinStandardHelpOptions = true, sortOptions = false, version = "zoolog bench 0.1.0",
        description = "Compare Apache ZooKeeper and Zoolog's coordination server on this machine.")
public final class CompareRunner implements Callable<Integer> {

    private static final DateTimeFormatter RUN_DIRECTORY_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    private CommandSpec commandSpec;

    @Option(names = "--targets", split = ",", paramLabel = "TARGET", converter = Target.Converter.class,
            defaultValue = "apache-zookeeper,zoolog",
            description = "Servers to compare, in order: apache-zookeeper, zoolog (default: ${DEFAULT-VALUE}).")
    private List<Target> targets;

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

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "21810",
            description = "Client port of the first target; the next targets use the following ports (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where <timestamp>/report.md and results.json go (default: ${DEFAULT-VALUE}).")
    private Path resultsDir;

    @Option(names = "--data-root", paramLabel = "DIR", defaultValue = "${sys:java.io.tmpdir}",
            description = "Parent of the servers' fresh data directories; must be a real disk for fsync to count (default: ${DEFAULT-VALUE}).")
    private Path dataRoot;

    @Option(names = "--zoolog-dir", paramLabel = "DIR", defaultValue = "coord-server/target",
            description = "Zoolog's build output: coord-server-*.jar and lib/ (default: ${DEFAULT-VALUE}).")
    private Path zoologDir;

    @Option(names = "--server-jvm-opts", paramLabel = "OPTS", split = "\\s+", splitSynopsisLabel = " ", defaultValue = "-Xms1g -Xmx1g",
            description = "JVM options for every server, e.g. --server-jvm-opts='-Xmx2g -XX:+UseZGC' (default: ${DEFAULT-VALUE}).")
    private List<String> serverJvmOptions;

    @Option(names = "--startup-timeout", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long a server may take to answer ruok/srvr (default: ${DEFAULT-VALUE}).")
    private Duration startupTimeout;

    private final AtomicReference<ServerProcess> runningServer = new AtomicReference<>();
    private final AtomicReference<Path> runningDataDir = new AtomicReference<>();

    public static void main(String[] args) {
        BenchLogging.configure();
        System.exit(LoadGenerator.commandLine(new CompareRunner()).execute(args));
    }

    /** The workloads the options describe, in run order, all aimed at {@code port}. */
    public List<LoadSpec> workloads(int port) {
        List<LoadSpec> workloads = new ArrayList<>();
        for (double readRatio : readRatios) {
            workloads.add(new LoadSpec("127.0.0.1:" + port, sessions, opsMax, duration, warmup, readRatio,
                    valueSizeBytes, znodes, inFlightPerSession, seed));
        }
        return workloads;
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    /** Every problem with the options, one line each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (targets.isEmpty() || targets.stream().distinct().count() != targets.size()) {
            problems.add("--targets must name each target at most once and at least one: " + targets);
        }
        if (readRatios.isEmpty()) {
            problems.add("--read-ratios needs at least one ratio");
        }
        if (basePort < 1024 || basePort + targets.size() > 65535) {
            problems.add("--port must leave room for " + targets.size() + " ports between 1024 and 65535, not " + basePort);
        } else {
            workloads(basePort).stream().flatMap(spec -> spec.problems().stream()).distinct().forEach(problems::add);
        }
        if (startupTimeout.isZero() || startupTimeout.compareTo(LoadSpec.DURATION_MAX) > 0) {
            problems.add("--startup-timeout must be positive and at most 1h");
        }
        return problems;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        List<String> problems = new ArrayList<>(problems());
        Optional<ZoologInstall> zoolog = Optional.empty();
        if (problems.isEmpty() && targets.contains(Target.ZOOLOG)) {
            ZoologInstall.Located located = ZoologInstall.locate(zoologDir);
            zoolog = located.install();
            if (zoolog.isEmpty()) {
                problems.add(located.problem());
            }
        }
        for (int i = 0; problems.isEmpty() && i < targets.size(); i++) {
            if (!isPortFree(basePort + i)) {
                problems.add("port " + (basePort + i) + " on 127.0.0.1 is in use; stop what listens there or pick --port");
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("coord: " + problem));
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::killRunningServer, "bench-server-killer"));

        Clock clock = Clock.systemDefaultZone();
        Instant startedAt = clock.instant();
        Path runDir = createRunDirectory(LocalDateTime.ofInstant(startedAt, clock.getZone()).format(RUN_DIRECTORY_FORMAT));
        Files.createDirectories(dataRoot);
        BenchEnvironment environment = BenchEnvironment.capture(dataRoot);
        ProcessCpu processCpu = ProcessCpu.detect();
        out.printf("results go to %s%n", runDir);
        out.flush();

        Path loggingConfig = ServerLaunch.writeLoggingConfig(runDir);
        List<WorkloadRun> runs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            runs.addAll(runTarget(target, launchFor(target, zoolog, loggingConfig), basePort + i, runDir, processCpu, out));
        }

        ComparisonReport report = new ComparisonReport(startedAt, environment, settings(processCpu), runs);
        Files.writeString(runDir.resolve("report.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(runDir.resolve("results.json"), JsonReport.render(report), StandardCharsets.UTF_8);
        out.println();
        out.print(MarkdownReport.comparisonTable(runs));
        out.printf("%nwrote %s and %s%n", runDir.resolve("report.md"), runDir.resolve("results.json"));
        out.flush();
        boolean clean = runs.stream().allMatch(run -> run.result().filter(r -> r.all().errors() == 0).isPresent());
        return clean ? 0 : 1;
    }

    /** Starts one target, runs every workload against it, stops it; failures become failed runs. */
    private List<WorkloadRun> runTarget(Target target, ServerLaunch launch, int port, Path runDir,
            ProcessCpu processCpu, PrintWriter out) throws IOException, InterruptedException {
        String system = target.cliName();
        List<LoadSpec> workloads = workloads(port);
        List<WorkloadRun> runs = new ArrayList<>();
        Path dataDir = Files.createTempDirectory(dataRoot, "zoolog-bench-" + system + "-");
        runningDataDir.set(dataDir);
        try {
            Path zooCfg = runDir.resolve(system + ".zoo.cfg");
            ZooCfg.forRun(dataDir.resolve("data"), dataDir.resolve("datalog"), port, sessions).writeTo(zooCfg);
            Files.createDirectories(dataDir.resolve("data"));
            Files.createDirectories(dataDir.resolve("datalog"));
            out.printf("%n== %s: starting on 127.0.0.1:%d (log %s)%n", system, port, runDir.resolve(system + "-server.log"));
            out.flush();
            ServerProcess server = ServerProcess.start(launch, zooCfg, port, runDir.resolve(system + "-server.log"));
            runningServer.set(server);
            try {
                Optional<String> version = server.awaitReady(startupTimeout.toMillis());
                if (version.isEmpty()) {
                    String reason = (server.isAlive() ? "did not answer ruok/srvr within " + DurationConverter.format(startupTimeout)
                            : "exited during start-up") + "; see " + server.logFile();
                    out.printf("%s %s; last lines of its log:%n%s%n", system, reason, server.logTail());
                    workloads.forEach(spec -> runs.add(WorkloadRun.failed(system, "", spec.workloadName(), reason)));
                    return runs;
                }
                out.printf("%s is up (pid %d): %s%n", system, server.pid(), version.get());
                for (LoadSpec spec : workloads) {
                    runs.add(runWorkload(system, version.get(), spec, server, processCpu, out));
                }
            } finally {
                server.stop();
                runningServer.set(null);
            }
        } finally {
            runningDataDir.set(null);
            deleteRecursively(dataDir);
        }
        return runs;
    }

    private WorkloadRun runWorkload(String system, String version, LoadSpec spec, ServerProcess server,
            ProcessCpu processCpu, PrintWriter out) throws InterruptedException {
        String prefix = "[" + system + ", " + spec.workloadName() + "] ";
        if (!server.isAlive()) {
            return WorkloadRun.failed(system, version, spec.workloadName(), "server had exited; see " + server.logFile());
        }
        LoadRun run = new LoadRun(spec, LoadGenerator.freshRoot(), OptionalLong.of(server.pid()), processCpu, line -> {
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

    private ServerLaunch launchFor(Target target, Optional<ZoologInstall> zoolog, Path loggingConfig) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return switch (target) {
            case APACHE_ZOOKEEPER -> ServerLaunch.apacheZooKeeper(java, serverJvmOptions,
                    System.getProperty("java.class.path"), loggingConfig);
            case ZOOLOG -> ServerLaunch.zoolog(java, serverJvmOptions, zoolog.orElseThrow(), loggingConfig);
        };
    }

    private Map<String, String> settings(ProcessCpu processCpu) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("workloads (getData fraction)", readRatios.toString());
        settings.put("sessions × in flight per session", sessions + " × " + inFlightPerSession);
        settings.put("value size", valueSizeBytes + " bytes");
        settings.put("znodes per workload", Integer.toString(znodes));
        settings.put("warm-up + measured phase", DurationConverter.format(warmup) + " + up to " + DurationConverter.format(duration)
                + (opsMax > 0 ? " or " + opsMax + " ops" : ""));
        settings.put("server JVM options", String.join(" ", serverJvmOptions));
        settings.put("server logging", ServerLaunch.LOGGING_RESOURCE + " for every server: INFO (Netty WARN) to <target>-server.log");
        settings.put("zoo.cfg", "tickTime=" + ZooCfg.TICK_TIME_MILLIS_DEFAULT + ", maxClientCnxns=" + (sessions + ZooCfg.SPARE_CONNECTIONS)
                + ", 4lw.commands.whitelist=" + ZooCfg.FOUR_LETTER_WORDS + ", fsync on (default forceSync)");
        settings.put("clock ticks per second", Long.toString(processCpu.clockTicksPerSecond()));
        settings.put("seed", Long.toString(seed));
        return settings;
    }

    private Path createRunDirectory(String timestamp) throws IOException {
        Path runDir = resultsDir.resolve(timestamp);
        for (int attempt = 2; Files.exists(runDir); attempt++) {
            runDir = resultsDir.resolve(timestamp + "-" + attempt);
        }
        return Files.createDirectories(runDir);
    }

    /** The shutdown hook: on Ctrl-C or SIGTERM, leave no server process and no data directory behind. */
    private void killRunningServer() {
        ServerProcess server = runningServer.getAndSet(null);
        if (server != null) {
            try {
                server.kill();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Path dataDir = runningDataDir.getAndSet(null);
        if (dataDir != null) {
            try {
                deleteRecursively(dataDir);
            } catch (IOException | UncheckedIOException leftBehind) {
                System.err.println("coord: could not delete " + dataDir + ": " + leftBehind.getMessage());
            }
        }
    }

    /**
     * True if nothing listens on the port. SO_REUSEADDR is on, as servers set it, so connections of
     * an earlier run lingering in TIME_WAIT do not count as "in use".
     */
    private static boolean isPortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
