package zoolog.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import zoolog.bench.load.LoadResult;
import zoolog.bench.load.LoadSpec;
import zoolog.bench.load.OpStats;

/**
 * Renders benchmark results as Markdown: the full {@code report.md} of a comparison, the side-by-side
 * table the runner prints, and the summary of a single load run. Rows are grouped by workload so the
 * systems compared sit next to each other. Pure functions of their arguments; no I/O.
 */
public final class MarkdownReport {

    private static final String MISSING = "—";

    private MarkdownReport() {
    }

    /** The whole {@code report.md}. */
    public static String render(ComparisonReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Coordination server benchmark\n\n");
        out.append("Started ").append(report.startedAt()).append(". Systems: ")
                .append(String.join(", ", systems(report.runs()))).append(".\n\n");

        out.append(machineAndSettings(report.environment(), report.settings()));

        out.append("## Results\n\n").append(comparisonTable(report.runs())).append('\n');
        String relative = relativeTable(report.runs());
        if (!relative.isEmpty()) {
            out.append("## Relative to ").append(systems(report.runs()).get(0)).append("\n\n")
                    .append(relative).append('\n');
        }
        out.append("## Latency by operation\n\n").append(operationTable(report.runs())).append('\n');
        out.append("## Servers\n\n| system | `srvr` version line |\n|---|---|\n");
        Map<String, String> versions = new LinkedHashMap<>();
        report.runs().forEach(run -> versions.putIfAbsent(run.system(), run.serverVersion()));
        versions.forEach((system, version) -> out.append("| ").append(system).append(" | ")
                .append(version.isEmpty() ? MISSING : version).append(" |\n"));
        out.append('\n');

        List<WorkloadRun> failed = report.runs().stream().filter(run -> run.failure().isPresent()).toList();
        if (!failed.isEmpty()) {
            out.append("## Failures\n\n");
            failed.forEach(run -> out.append("- ").append(run.system()).append(", ").append(run.workload())
                    .append(": ").append(run.failure().orElseThrow()).append('\n'));
            out.append('\n');
        }
        out.append("""
                ## How to read this

                - Closed loop: each session keeps at most *in flight* requests outstanding and sends a new one \
                only when one is answered, so latency includes queueing at the server but not a backlog the \
                client would build up at a fixed arrival rate.
                - Latencies are from issuing the async call to its callback, successful operations only, in µs \
                (HdrHistogram, 3 significant digits). ops/s counts successful operations over the measured phase.
                - CPU-s per 1k ops is `utime+stime` from `/proc/<pid>/stat` over the measured phase divided by \
                thousands of operations: the server process (all its threads: network, fsync, GC, JIT; for an \
                ensemble, every member's process summed) and, for context, the load generator's JVM.
                - *other processes, CPUs* is the machine's busy time from `/proc/stat` minus the server's and \
                the load generator's, divided by the measured seconds: how many CPUs something else kept busy \
                meanwhile. Well above 0 means a noisy neighbour; distrust that row or run it again.
                - Both servers run with the same generated zoo.cfg and fsync on (ZooKeeper's default \
                `forceSync=yes`), one after the other on fresh data directories.
                """);
        return out.toString();
    }

    /** The {@code ## Machine} and {@code ## Settings} sections every bench report starts with. */
    public static String machineAndSettings(BenchEnvironment environment, Map<String, String> settings) {
        StringBuilder out = new StringBuilder();
        out.append("## Machine\n\n");
        out.append("- CPU: ").append(environment.cpuModel()).append(", ").append(environment.cpus())
                .append(" CPUs available to the JVM (client and server share them)\n");
        out.append("- OS: ").append(environment.os()).append('\n');
        out.append("- JVM: ").append(environment.java()).append('\n');
        out.append("- Data directories on: ").append(environment.dataFilesystem()).append("\n\n");
        out.append("## Settings\n\n| setting | value |\n|---|---|\n");
        settings.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        out.append('\n');
        return out.toString();
    }

    /** system | workload | ops/s | p50 | p99 | p99.9 | errors | CPU-s per 1k ops, grouped by workload. */
    public static String comparisonTable(List<WorkloadRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| system | workload | ops/s | p50 µs | p99 µs | p99.9 µs | errors | server CPU-s / 1k ops"
                + " | client CPU-s / 1k ops | other processes, CPUs |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WorkloadRun run : byWorkload(runs)) {
            out.append("| ").append(run.system()).append(" | ").append(run.workload()).append(" | ");
            Optional<LoadResult> measured = run.result();
            if (measured.isEmpty()) {
                out.append("failed").append((" | " + MISSING).repeat(7)).append(" |\n");
                continue;
            }
            LoadResult result = measured.get();
            OpStats all = result.all();
            out.append(formatRate(result.opsPerSecond())).append(" | ")
                    .append(all.p50Micros()).append(" | ")
                    .append(all.p99Micros()).append(" | ")
                    .append(all.p999Micros()).append(" | ")
                    .append(all.errors()).append(" | ")
                    .append(formatCpu(result.serverCpuSecondsPer1kOps())).append(" | ")
                    .append(formatCpu(result.clientCpuSecondsPer1kOps())).append(" | ")
                    .append(formatCpus(result.otherProcessesCpus())).append(" |\n");
        }
        return out.toString();
    }

    /** The summary {@code bin/bench load} prints after one run. */
    public static String loadSummary(LoadResult result) {
        StringBuilder out = new StringBuilder();
        LoadSpec spec = result.spec();
        out.append(String.format(Locale.ROOT, "%s: %d sessions x %d in flight, %d-byte values, %d znodes%n",
                spec.workloadName(), spec.sessions(), spec.inFlightPerSession(), spec.valueSizeBytes(), spec.znodes()));
        out.append(String.format(Locale.ROOT, "measured %.1f s, stopped by %s: %s ops/s%n%n",
                result.measuredSeconds(), result.stopReason().name().toLowerCase(Locale.ROOT),
                formatRate(result.opsPerSecond())));
        out.append("| op | ops | p50 µs | p99 µs | p99.9 µs | max µs | mean µs | errors |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<OpStats> rows = new ArrayList<>(result.byOpType().values());
        rows.add(result.all());
        for (OpStats stats : rows) {
            out.append(operationCells(stats)).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nserver CPU-s / 1k ops: %s, load generator CPU-s / 1k ops: %s,"
                + " other processes kept %s CPUs busy%n", formatCpu(result.serverCpuSecondsPer1kOps()),
                formatCpu(result.clientCpuSecondsPer1kOps()), formatCpus(result.otherProcessesCpus())));
        if (result.all().errors() > 0) {
            out.append("errors: ").append(formatErrors(result.all().errorsByCode())).append('\n');
        }
        return out.toString();
    }

    /** Each system's throughput, p99 and server CPU per op as a multiple of the first system's. */
    static String relativeTable(List<WorkloadRun> runs) {
        List<String> systems = systems(runs);
        if (systems.size() < 2) {
            return "";
        }
        String baseline = systems.get(0);
        StringBuilder out = new StringBuilder();
        out.append("| system | workload | ops/s | p99 | server CPU per op |\n|---|---|---:|---:|---:|\n");
        boolean any = false;
        for (WorkloadRun run : byWorkload(runs)) {
            Optional<LoadResult> base = runs.stream()
                    .filter(other -> other.system().equals(baseline) && other.workload().equals(run.workload()))
                    .findFirst().flatMap(WorkloadRun::result);
            if (run.system().equals(baseline) || base.isEmpty() || run.result().isEmpty()) {
                continue;
            }
            LoadResult result = run.result().get();
            out.append("| ").append(run.system()).append(" | ").append(run.workload()).append(" | ")
                    .append(formatRatio(result.opsPerSecond(), base.get().opsPerSecond())).append(" | ")
                    .append(formatRatio(result.all().p99Micros(), base.get().all().p99Micros())).append(" | ")
                    .append(ratioOf(result.serverCpuSecondsPer1kOps(), base.get().serverCpuSecondsPer1kOps()))
                    .append(" |\n");
            any = true;
        }
        return any ? out.toString() : "";
    }

    private static String operationTable(List<WorkloadRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append("| system | workload | op | ops | p50 µs | p99 µs | p99.9 µs | max µs | mean µs | errors |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (WorkloadRun run : byWorkload(runs)) {
            run.result().ifPresent(result -> result.byOpType().values().forEach(stats -> out
                    .append("| ").append(run.system()).append(" | ").append(run.workload()).append(' ')
                    .append(operationCells(stats)).append('\n')));
        }
        return out.toString();
    }

    private static String operationCells(OpStats stats) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.0f | %s |",
                stats.label(), stats.count(), stats.p50Micros(), stats.p99Micros(), stats.p999Micros(),
                stats.maxMicros(), stats.meanMicros(),
                stats.errors() == 0 ? "0" : stats.errors() + " (" + formatErrors(stats.errorsByCode()) + ")");
    }

    /** Runs ordered by workload (in order of first appearance), keeping the run order within one. */
    private static List<WorkloadRun> byWorkload(List<WorkloadRun> runs) {
        List<String> workloads = runs.stream().map(WorkloadRun::workload).distinct().toList();
        return runs.stream().sorted(Comparator.comparingInt(run -> workloads.indexOf(run.workload()))).toList();
    }

    private static List<String> systems(List<WorkloadRun> runs) {
        Set<String> systems = new LinkedHashSet<>();
        runs.forEach(run -> systems.add(run.system()));
        return List.copyOf(systems);
    }

    static String formatRate(double opsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f", opsPerSecond);
    }

    static String formatCpu(OptionalDouble cpuSecondsPer1kOps) {
        return cpuSecondsPer1kOps.isPresent()
                ? String.format(Locale.ROOT, "%.4f", cpuSecondsPer1kOps.getAsDouble())
                : MISSING;
    }

    /** Average busy CPUs, e.g. {@code 0.35}. */
    static String formatCpus(OptionalDouble cpus) {
        return cpus.isPresent() ? String.format(Locale.ROOT, "%.2f", cpus.getAsDouble()) : MISSING;
    }

    private static String ratioOf(OptionalDouble value, OptionalDouble baseline) {
        return value.isPresent() && baseline.isPresent()
                ? formatRatio(value.getAsDouble(), baseline.getAsDouble())
                : MISSING;
    }

    private static String formatRatio(double value, double baseline) {
        return baseline > 0 ? String.format(Locale.ROOT, "%.2f×", value / baseline) : MISSING;
    }

    /** {@code CODE=count, ...} in code order. */
    public static String formatErrors(Map<String, Long> errorsByCode) {
        return errorsByCode.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
