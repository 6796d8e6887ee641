package zoolog.faults.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import zoolog.faults.cluster.SystemKind;
import zoolog.faults.nemesis.NemesisKind;
import zoolog.faults.report.SummaryWriter;
import zoolog.faults.run.FaultRun;
import zoolog.faults.run.RunSpec;
import zoolog.faults.workload.WorkloadKind;

/**
 * {@code faults coord}: one harness run against a coordination ensemble. Prints the summary and
 * the report's path; the exit status is 0 only if every checker passed.
 */
@Command(name = "coord", mixinStandardHelpOptions = true,
        description = "Start an ensemble, run workloads under a nemesis, check the history, write a report.")
final class CoordCommand implements Callable<Integer> {

    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    private CommandSpec spec;

    @Option(names = "--system", defaultValue = "zoolog", description = "zoolog or apache (default: ${DEFAULT-VALUE}).")
    private SystemKind system;

    @Option(names = "--nodes", defaultValue = "3", description = "Ensemble size (default: ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--workload", split = ",", defaultValue = "register",
            description = "Comma-separated: register, sequential, ephemeral, lock (default: ${DEFAULT-VALUE}).")
    private List<WorkloadKind> workloads;

    @Option(names = "--nemesis", defaultValue = "kill,pause,partition",
            description = "Comma-separated: kill, pause, partition, or none (default: ${DEFAULT-VALUE}).")
    private String nemesis;

    @Option(names = "--time", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the clients run, e.g. 60s or 2m (default: ${DEFAULT-VALUE}).")
    private Duration time;

    @Option(names = "--nemesis-interval", defaultValue = "10s", converter = DurationConverter.class,
            description = "Faults and calm periods each last between half of this and all of it (default: ${DEFAULT-VALUE}).")
    private Duration nemesisInterval;

    @Option(names = "--clients", defaultValue = "5", description = "Client threads per workload (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--seed", description = "Seed of the nemesis schedule and the clients' choices (default: random).")
    private Long seed;

    @Option(names = "--out", description = "Output directory (default: target/faults/<timestamp>).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        long runSeed = seed != null ? seed : System.nanoTime();
        Path dir = out != null ? out : Path.of("target", "faults", LocalDateTime.now().format(RUN_NAME));
        RunSpec runSpec = new RunSpec(system, nodes, workloads, nemeses(nemesis), time, nemesisInterval, clients,
                runSeed, dir.toAbsolutePath());
        FaultRun.Result result = FaultRun.execute(runSpec);
        stdout.print(SummaryWriter.text(result.summary()));
        stdout.println("report: " + result.report());
        stdout.flush();
        return ExitCodes.of(result.summary().verdict());
    }

    static Set<NemesisKind> nemeses(String list) {
        Set<NemesisKind> kinds = EnumSet.noneOf(NemesisKind.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("none")) {
                kinds.add(NemesisKind.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            }
        }
        return kinds;
    }
}
