package zoolog.bench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Option;
import zoolog.bench.load.DurationConverter;
import zoolog.bench.load.LoadSpec;
import zoolog.bench.report.BenchEnvironment;

/**
 * The options every command that starts servers shares ({@code bin/bench coord}, {@code bin/bench
 * failover}), as a picocli mixin: which targets, on which ports, with which JVM options, where the data
 * and the results go. {@link #prepare} turns them into a {@link Prepared} run once every check has
 * passed: Zoolog's build found (if it is a target), every port free, the run directory made and a
 * shutdown hook in place that kills whatever {@link Ensemble} is running on Ctrl-C. Filled in by
 * picocli and then used by the command's main thread.
 */
public final class ServerOptions {

    private static final DateTimeFormatter RUN_DIRECTORY_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--targets", split = ",", paramLabel = "TARGET", converter = Target.Converter.class,
            defaultValue = "apache-zookeeper,zoolog",
            description = "Servers to compare, in order: apache-zookeeper, zoolog (default: ${DEFAULT-VALUE}).")
    private List<Target> targets;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "21810",
            description = "Client port of the first server; the next servers use the following ports, and ensemble"
                    + " members quorum and election ports from PORT+" + PortPlan.PEER_PORT_OFFSET + " (default: ${DEFAULT-VALUE}).")
    private int basePort;

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where <timestamp>/ with the reports goes (default: ${DEFAULT-VALUE}).")
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
            description = "How long servers may take to serve (ruok/srvr; an ensemble: a leader and followers) (default: ${DEFAULT-VALUE}).")
    private Duration startupTimeout;

    private final AtomicReference<Ensemble> running = new AtomicReference<>();

    /**
     * A run whose checks passed: when it started, where its files go, the machine, and what Zoolog's
     * build is (present when Zoolog is a target).
     */
    public record Prepared(Instant startedAt, Path runDir, Path loggingConfig, BenchEnvironment environment,
            Optional<ZoologInstall> zoolog) {
    }

    public List<Target> targets() {
        return List.copyOf(targets);
    }

    public PortPlan portPlan(int membersPerTarget) {
        return new PortPlan(basePort, membersPerTarget);
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    public List<String> serverJvmOptions() {
        return List.copyOf(serverJvmOptions);
    }

    /** Every problem with these options for ensembles of {@code membersPerTarget}, one line each. */
    public List<String> problems(int membersPerTarget) {
        List<String> problems = new ArrayList<>();
        if (targets.isEmpty() || targets.stream().distinct().count() != targets.size()) {
            problems.add("--targets must name each target at most once and at least one: " + targets);
        }
        problems.addAll(portPlan(membersPerTarget).problems(targets.size()));
        if (startupTimeout.isZero() || startupTimeout.isNegative() || startupTimeout.compareTo(LoadSpec.DURATION_MAX) > 0) {
            problems.add("--startup-timeout must be positive and at most 1h");
        }
        return problems;
    }

    /**
     * Checks everything before anything starts: {@code problems} (the command's own), then Zoolog's
     * build and free ports. Prints each problem as {@code <command>: <problem>} and returns empty if
     * there is one; otherwise creates the run directory and the data root and installs the shutdown hook.
     */
    public Optional<Prepared> prepare(String command, List<String> problems, int membersPerTarget, PrintWriter err)
            throws IOException {
        List<String> all = new ArrayList<>(problems);
        Optional<ZoologInstall> zoolog = Optional.empty();
        if (all.isEmpty() && targets.contains(Target.ZOOLOG)) {
            ZoologInstall.Located located = ZoologInstall.locate(zoologDir);
            zoolog = located.install();
            if (zoolog.isEmpty()) {
                all.add(located.problem());
            }
        }
        if (all.isEmpty()) {
            for (int port : portPlan(membersPerTarget).allPorts(targets.size())) {
                if (!isPortFree(port)) {
                    all.add("port " + port + " on 127.0.0.1 is in use; stop what listens there or pick --port");
                }
            }
        }
        if (!all.isEmpty()) {
            all.forEach(problem -> err.println(command + ": " + problem));
            err.flush();
            return Optional.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyRunning, "bench-server-killer"));
        Clock clock = Clock.systemDefaultZone();
        Instant startedAt = clock.instant();
        Path runDir = createRunDirectory(LocalDateTime.ofInstant(startedAt, clock.getZone()).format(RUN_DIRECTORY_FORMAT));
        Files.createDirectories(dataRoot);
        return Optional.of(new Prepared(startedAt, runDir, ServerLaunch.writeLoggingConfig(runDir),
                BenchEnvironment.capture(dataRoot), zoolog));
    }

    /**
     * Creates the servers of target number {@code targetIndex} (see {@link Ensemble#create}) and marks
     * them as the ones the shutdown hook kills; {@link #finished} unmarks them.
     */
    public Ensemble createEnsemble(Prepared run, int targetIndex, int members, int sessions) throws IOException {
        Target target = targets.get(targetIndex);
        ServerLaunch launch = ServerLaunch.forTarget(target, serverJvmOptions, run.zoolog(), run.loggingConfig(), members > 1);
        Ensemble ensemble = Ensemble.create(target.cliName(), launch, members, portPlan(members), targetIndex, sessions,
                run.runDir(), dataRoot);
        running.set(ensemble);
        return ensemble;
    }

    /** The ensemble has been closed; the shutdown hook no longer needs to kill it. */
    public void finished(Ensemble ensemble) {
        running.compareAndSet(ensemble, null);
    }

    /** The shutdown hook: on Ctrl-C or SIGTERM, leave no server process and no data directory behind. */
    private void destroyRunning() {
        Ensemble ensemble = running.getAndSet(null);
        if (ensemble == null) {
            return;
        }
        try {
            ensemble.destroy();
        } catch (IOException leftBehind) {
            System.err.println("bench: could not delete the data of " + ensemble.system() + ": " + leftBehind.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Path createRunDirectory(String timestamp) throws IOException {
        Path runDir = resultsDir.resolve(timestamp);
        for (int attempt = 2; Files.exists(runDir); attempt++) {
            runDir = resultsDir.resolve(timestamp + "-" + attempt);
        }
        return Files.createDirectories(runDir);
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
}
