package zoolog.bench.load;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zoolog.bench.report.MarkdownReport;

/**
 * The end-to-end load generator's command line: drives one workload of {@code getData}/{@code setData}
 * through the official ZooKeeper client against any server speaking the ZooKeeper protocol, and
 * prints throughput, latency percentiles, errors and CPU per operation. The comparison runner
 * builds the same {@link LoadSpec} and runs {@link LoadRun} in-process; this command is for driving
 * a server you started yourself: {@code bin/bench load --connect 127.0.0.1:2181 --read-ratio 0.9}.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false, version = "zoolog bench 0.1.0",
        description = "Drive getData/setData load at a ZooKeeper-protocol server and measure it.")
public final class LoadGenerator implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec commandSpec;

    @Option(names = "--connect", required = true, paramLabel = "host:port[,...]",
            description = "Servers to connect to (ZooKeeper connect string, no chroot).")
    private String connectString;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "32", description = "Client sessions (default: ${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--ops", paramLabel = "N", defaultValue = "0",
            description = "Stop the measured phase after N operations (0: duration only; default: ${DEFAULT-VALUE}).")
    private long opsMax;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest measured phase, e.g. 15s or 2m; ends earlier if --ops is reached (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "5s", converter = DurationConverter.class,
            description = "Unmeasured warm-up before the measured phase (default: ${DEFAULT-VALUE}).")
    private Duration warmup;

    @Option(names = "--read-ratio", paramLabel = "0..1", defaultValue = "0.9",
            description = "Fraction of getData; the rest are setData (default: ${DEFAULT-VALUE}).")
    private double readRatio;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "1024", description = "Znode value size (default: ${DEFAULT-VALUE}).")
    private int valueSizeBytes;

    @Option(names = "--znodes", paramLabel = "K", defaultValue = "1000",
            description = "Znodes pre-created under a fresh /bench-<random> root (default: ${DEFAULT-VALUE}).")
    private int znodes;

    @Option(names = "--in-flight", paramLabel = "M", defaultValue = "4",
            description = "Outstanding async requests per session (default: ${DEFAULT-VALUE}).")
    private int inFlightPerSession;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the op mix and values (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--server-pid", paramLabel = "PID", split = ",",
            description = "Local server process whose CPU time to measure via /proc/<pid>/stat; give every member"
                    + " of an ensemble (repeat the option or separate with commas) to sum their CPU time.")
    private List<Long> serverPids = new ArrayList<>();

    public static void main(String[] args) {
        BenchLogging.configure();
        System.exit(commandLine(new LoadGenerator()).execute(args));
    }

    /** A picocli command line for {@code command} with the bench tools' shared parsing settings. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((invalid, args) -> {
            CommandLine failed = invalid.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + invalid.getMessage() + " (see --help)");
            return 2;
        });
        return commandLine;
    }

    /** The workload the parsed options describe. */
    public LoadSpec spec() {
        return new LoadSpec(connectString, sessions, opsMax, duration, warmup, readRatio, valueSizeBytes,
                znodes, inFlightPerSession, seed);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = commandSpec.commandLine().getOut();
        PrintWriter err = commandSpec.commandLine().getErr();
        LoadSpec spec = spec();
        List<String> problems = new ArrayList<>(spec.problems());
        serverPids.stream().filter(pid -> pid <= 0).forEach(pid -> problems.add("--server-pid must be positive, not " + pid));
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("load: " + problem));
            return 2;
        }
        LoadRun run = new LoadRun(spec, freshRoot(), serverPids, ProcessCpu.detect(), line -> {
            out.println(line);
            out.flush();
        });
        try {
            LoadResult result = run.run();
            out.println();
            out.print(MarkdownReport.loadSummary(result));
            out.flush();
            return result.all().errors() == 0 ? 0 : 1;
        } catch (LoadFailure failure) {
            err.println("load: " + failure.getMessage());
            return 1;
        }
    }

    /** A root znode name no earlier run used: {@code /bench-} and 64 random bits in hex. */
    public static String freshRoot() {
        return "/bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
