package zoolog.bench.failover;

import ch.qos.logback.classic.Level;
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
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zoolog.bench.compare.Ensemble;
import zoolog.bench.compare.ServerOptions;
import zoolog.bench.compare.Target;
import zoolog.bench.compare.ZooCfg;
import zoolog.bench.load.BenchLogging;
import zoolog.bench.load.DurationConverter;
import zoolog.bench.load.LoadFailure;
import zoolog.bench.load.LoadGenerator;
import zoolog.bench.load.LoadSpec;

/**
 * The failover benchmark ({@code bin/bench failover}): for each target, one after the other, it starts
 * an ensemble, puts a steady write load on it and then, {@code --runs} times, kills the leader with
 * SIGKILL and measures the time from the kill to the first acknowledged write issued after it
 * ({@link WriteClock}), restarts the killed member and waits until the ensemble is healthy again.
 * Writes {@code <results-dir>/<timestamp>/failover.md} and {@code failover.json} and prints the median,
 * p90 and maximum per system. Runs on the main thread; a shutdown hook kills servers left by Ctrl-C.
 * <pre>
 *   start ensemble ─► writers connect to all members ─► ┌ settle ─► find leader (srvr) ─► SIGKILL it
 *                                                       │   ─► first write issued after the kill acked
 *                                                       └── restart it ─► every member serving ◄┘ × runs
 * </pre>
 */
@Command(name = "failover", mixinStandardHelpOptions = true, sortOptions = false, version = "zoolog bench 0.1.0",
        description = "Kill the leader of an ensemble again and again; measure kill to first successful write.")
public final class FailoverRunner implements Callable<Integer> {

    /** Writers beyond this would measure the client, not the failover. */
    public static final int WRITERS_MAX = 64;
    /** Runs per system at most; each takes seconds. */
    public static final int RUNS_MAX = 1000;
    /** A quorum that survives losing its leader needs three members. */
    public static final int ENSEMBLE_MIN = 3;
    private static final String CLIENT_CONNECTION_LOGGER = "org.apache.zookeeper.ClientCnxn";

    @Spec
    private CommandSpec commandSpec;

    @Mixin
    private ServerOptions server;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "3",
            description = "Members per ensemble, at least 3 (default: ${DEFAULT-VALUE}).")
    private int ensembleSize;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "Leader kills per system (default: ${DEFAULT-VALUE}; --runs 1 --settle 0s for a quick check).")
    private int runs;

    @Option(names = "--writers", paramLabel = "N", defaultValue = "4",
            description = "Writer sessions, each issuing one setData after another (default: ${DEFAULT-VALUE}).")
    private int writers;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "1024", description = "Value written (default: ${DEFAULT-VALUE}).")
    private int valueSizeBytes;

    @Option(names = "--settle", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
            description = "Steady writes before each kill (default: ${DEFAULT-VALUE}).")
    private Duration settle;

    @Option(names = "--outage-timeout", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait for the first write after a kill (default: ${DEFAULT-VALUE}).")
    private Duration outageTimeout;

    @Option(names = "--session-timeout", paramLabel = "TIME", defaultValue = "15s", converter = DurationConverter.class,
            description = "Session timeout the writers ask for; must outlast the outage (default: ${DEFAULT-VALUE}).")
    private Duration sessionTimeout;

    public static void main(String[] args) {
        BenchLogging.configure();
        quietenExpectedConnectionLoss();
        System.exit(LoadGenerator.commandLine(new FailoverRunner()).execute(args));
    }

    /**
     * Every kill makes each writer's client log a WARN with a stack trace as it loses its connection and
     * reconnects; here that is the expected outcome, counted in the report, so at the bench's default
     * level (WARN) the client connection's logger is raised to ERROR. A lower level chosen with
     * {@code -Dbench.log.level} is left alone.
     */
    private static void quietenExpectedConnectionLoss() {
        if (LoggerFactory.getLogger(CLIENT_CONNECTION_LOGGER) instanceof ch.qos.logback.classic.Logger logger
                && !logger.isInfoEnabled()) {
            logger.setLevel(Level.ERROR);
        }
    }

    /** Every problem with the options, one line each. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (ensembleSize < ENSEMBLE_MIN || ensembleSize > Ensemble.MEMBERS_MAX) {
            problems.add("--ensemble must be between " + ENSEMBLE_MIN + " and " + Ensemble.MEMBERS_MAX + ", not " + ensembleSize);
            return problems;
        }
        problems.addAll(server.problems(ensembleSize));
        LoadSpec.checkRange(problems, "--runs", runs, 1, RUNS_MAX);
        LoadSpec.checkRange(problems, "--writers", writers, 1, WRITERS_MAX);
        LoadSpec.checkRange(problems, "--value-size", valueSizeBytes, 0, LoadSpec.VALUE_SIZE_BYTES_MAX);
        if (settle.isNegative() || settle.compareTo(LoadSpec.DURATION_MAX) > 0) {
            problems.add("--settle must be between 0s and 1h");
        }
        if (outageTimeout.isZero() || outageTimeout.isNegative() || outageTimeout.compareTo(LoadSpec.DURATION_MAX) > 0) {
            problems.add("--outage-timeout must be positive and at most 1h");
        }
        int tickMillis = ZooCfg.TICK_TIME_MILLIS_DEFAULT;
        if (sessionTimeout.toMillis() < 2L * tickMillis || sessionTimeout.toMillis() > 20L * tickMillis) {
            problems.add("--session-timeout must be between " + 2 * tickMillis / 1000 + "s and " + 20 * tickMillis / 1000
                    + "s (2 to 20 ticks), not " + DurationConverter.format(sessionTimeout));
        }
        return problems;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = commandSpec.commandLine().getOut();
        Optional<ServerOptions.Prepared> prepared = server.prepare("failover", problems(), ensembleSize,
                commandSpec.commandLine().getErr());
        if (prepared.isEmpty()) {
            return 2;
        }
        ServerOptions.Prepared run = prepared.get();
        out.printf("results go to %s%n", run.runDir());
        out.flush();
        List<FailoverRun> results = new ArrayList<>();
        for (int i = 0; i < server.targets().size(); i++) {
            results.addAll(runTarget(run, i, out));
        }
        FailoverReport report = new FailoverReport(run.startedAt(), run.environment(), settings(), results);
        Files.writeString(run.runDir().resolve("failover.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(run.runDir().resolve("failover.json"), report.json(), StandardCharsets.UTF_8);
        out.println();
        out.print(report.summaryTable());
        out.printf("%nwrote %s and %s%n", run.runDir().resolve("failover.md"), run.runDir().resolve("failover.json"));
        out.flush();
        return results.stream().allMatch(result -> result.failure().isEmpty()) ? 0 : 1;
    }

    private List<FailoverRun> runTarget(ServerOptions.Prepared run, int targetIndex, PrintWriter out)
            throws IOException, InterruptedException {
        Target target = server.targets().get(targetIndex);
        String system = target.cliName() + " ×" + ensembleSize;
        List<FailoverRun> results = new ArrayList<>();
        Ensemble ensemble = server.createEnsemble(run, targetIndex, ensembleSize, writers);
        try (ensemble) {
            out.printf("%n== %s: starting on %s (logs in %s)%n", system, ensemble.connectString(), run.runDir());
            out.flush();
            ensemble.startAll();
            Optional<String> failure = awaitHealthy(ensemble, "start-up");
            if (failure.isPresent()) {
                out.printf("%s: %s%n%s%n", system, failure.get(), ensemble.logTails());
                failAll(results, system, 1, failure.get());
                return results;
            }
            byte[] value = new byte[valueSizeBytes];
            new SplittableRandom(ensembleSize).nextBytes(value);
            WriteClock clock = new WriteClock();
            try (FailoverWriters load = FailoverWriters.start(ensemble.connectString(), (int) sessionTimeout.toMillis(),
                    LoadGenerator.freshRoot(), value, writers, clock)) {
                for (int i = 1; i <= runs; i++) {
                    FailoverRun result = killLeaderOnce(system, i, ensemble, load, clock);
                    out.printf("[%s, run %d] %s%n", system, i, describe(result));
                    out.flush();
                    results.add(result);
                    if (result.rejoinSeconds().isEmpty()) {
                        out.printf("%s: stopping after run %d: %s%n%s%n", system, i, result.failure().orElse(""), ensemble.logTails());
                        failAll(results, system, i + 1, "not run: run " + i + " left the ensemble unhealthy");
                        break;
                    }
                }
            } catch (LoadFailure failed) {
                out.printf("%s: %s%n", system, failed.getMessage());
                failAll(results, system, results.size() + 1, failed.getMessage());
            }
        } finally {
            server.finished(ensemble);
        }
        return results;
    }

    /**
     * One run: writes flow, the leader is killed, the first write issued after the kill is awaited, the
     * killed member restarts and the ensemble becomes healthy again.
     */
    private FailoverRun killLeaderOnce(String system, int runNumber, Ensemble ensemble, FailoverWriters load,
            WriteClock clock) throws IOException, InterruptedException {
        LockSupport.parkNanos(settle.toNanos());
        clock.mark(System.nanoTime());
        if (clock.awaitFirstAck(outageTimeout.toNanos()).isEmpty()) {
            return FailoverRun.failed(system, runNumber, 0, "no write succeeded within "
                    + DurationConverter.format(outageTimeout) + " before the kill");
        }
        OptionalInt leader = ensemble.leaderIndex();
        if (leader.isEmpty()) {
            return FailoverRun.failed(system, runNumber, 0, "no member answered srvr as leader");
        }
        int killed = leader.getAsInt();
        int killedId = ensemble.memberId(killed);
        load.takeErrors();
        long killedNanos = ensemble.killMember(killed);
        clock.mark(killedNanos);
        ensemble.awaitExit(killed);
        OptionalLong firstAck = clock.awaitFirstAck(outageTimeout.toNanos());
        Map<String, Long> errors = load.takeErrors();
        OptionalInt newLeader = ensemble.leaderIndex();
        long restartNanos = System.nanoTime();
        ensemble.restartMember(killed);
        Optional<String> unhealthy = awaitHealthy(ensemble, "the restart of server." + killedId);
        OptionalDouble rejoinSeconds = unhealthy.isPresent() ? OptionalDouble.empty()
                : OptionalDouble.of((System.nanoTime() - restartNanos) / 1e9);
        Optional<String> failure = firstAck.isEmpty()
                ? Optional.of("no write issued after the kill succeeded within " + DurationConverter.format(outageTimeout))
                : unhealthy;
        return new FailoverRun(system, runNumber, killedId,
                newLeader.isPresent() ? OptionalInt.of(ensemble.memberId(newLeader.getAsInt())) : OptionalInt.empty(),
                firstAck.isPresent() ? OptionalDouble.of((firstAck.getAsLong() - killedNanos) / 1e6) : OptionalDouble.empty(),
                rejoinSeconds, errors, failure);
    }

    /** Empty when every member serves with one leader, else why not. */
    private Optional<String> awaitHealthy(Ensemble ensemble, String after) {
        if (ensemble.awaitHealthy(server.startupTimeout().toMillis()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of((ensemble.allAlive() ? "not every member serving with one leader within "
                + DurationConverter.format(server.startupTimeout()) : "a member exited") + " after " + after);
    }

    private void failAll(List<FailoverRun> results, String system, int fromRun, String reason) {
        for (int i = fromRun; i <= runs; i++) {
            results.add(FailoverRun.failed(system, i, 0, reason));
        }
    }

    private static String describe(FailoverRun result) {
        String outage = result.outageMillis().isPresent()
                ? String.format(Locale.ROOT, "killed server.%d, first write after %.0f ms", result.killedId(),
                        result.outageMillis().getAsDouble())
                : "killed server." + result.killedId();
        String leader = result.newLeaderId().isPresent() ? ", new leader server." + result.newLeaderId().getAsInt() : "";
        String rejoin = result.rejoinSeconds().isPresent()
                ? String.format(Locale.ROOT, ", healthy %.1f s after the restart", result.rejoinSeconds().getAsDouble()) : "";
        return outage + leader + rejoin + result.failure().map(reason -> "; " + reason).orElse("");
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ensemble", ensembleSize + " members on 127.0.0.1 per system, writers' connect string names all");
        settings.put("runs per system", Integer.toString(runs));
        settings.put("writers", writers + " sessions × 1 synchronous setData of " + valueSizeBytes + " bytes at a time");
        settings.put("steady writes before each kill", DurationConverter.format(settle));
        settings.put("writers' session timeout", DurationConverter.format(sessionTimeout));
        settings.put("server JVM options", String.join(" ", server.serverJvmOptions()));
        settings.put("zoo.cfg", "tickTime=" + ZooCfg.TICK_TIME_MILLIS_DEFAULT + ", initLimit=" + ZooCfg.INIT_LIMIT_TICKS
                + ", syncLimit=" + ZooCfg.SYNC_LIMIT_TICKS + ", fsync on (default forceSync)");
        return settings;
    }
}
