package zoolog.faults.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.history.HistoryJson;

/**
 * Writes {@code summary.json} (for tools) and {@code summary.txt} (for people, and what the
 * command prints): the run's parameters, one line per checker with its verdict, the lines behind
 * any failure, and a table of operation counts and latencies. Stateless.
 */
public final class SummaryWriter {

    public static final String JSON_FILE = "summary.json";
    public static final String TEXT_FILE = "summary.txt";

    private SummaryWriter() {
    }

    public static void write(Path dir, Summary summary) throws IOException {
        HistoryJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(JSON_FILE).toFile(), summary);
        Files.writeString(dir.resolve(TEXT_FILE), text(summary), StandardCharsets.UTF_8);
    }

    public static String text(Summary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "system %s, %d nodes, workload %s, nemesis %s, seed %d, %.1f s%n",
                summary.system(), summary.nodes(), String.join(",", summary.workloads()),
                summary.nemeses().isEmpty() ? "none" : String.join(",", summary.nemeses()), summary.seed(),
                summary.seconds()));
        if (summary.problem() != null) {
            out.append("run problem: ").append(summary.problem()).append('\n');
        }
        for (CheckResult check : summary.checks()) {
            out.append(String.format(Locale.ROOT, "%-8s %-28s %s%n", check.verdict(), check.checker(), check.summary()));
            check.details().forEach(line -> out.append("         ").append(line).append('\n'));
        }
        out.append(String.format(Locale.ROOT, "%n%-18s %8s %8s %8s %10s %10s %10s%n", "operation", "ok", "fail",
                "unknown", "p50 ms", "p99 ms", "max ms"));
        for (OpStats stats : summary.operations()) {
            out.append(String.format(Locale.ROOT, "%-18s %8d %8d %8d %10.2f %10.2f %10.2f%n", stats.f(), stats.ok(),
                    stats.fail(), stats.info(), stats.p50Millis(), stats.p99Millis(), stats.maxMillis()));
        }
        out.append(summary.nemesisEvents()).append(" nemesis events\n");
        out.append("verdict: ").append(summary.verdict()).append('\n');
        return out.toString();
    }
}
