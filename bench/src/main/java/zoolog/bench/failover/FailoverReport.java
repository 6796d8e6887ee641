package zoolog.bench.failover;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import zoolog.bench.report.BenchEnvironment;
import zoolog.bench.report.Json;
import zoolog.bench.report.JsonReport;
import zoolog.bench.report.MarkdownReport;

/**
 * Renders a failover benchmark as {@code failover.md} (summary per system, then every run) and
 * {@code failover.json}. Pure functions of an immutable report; no I/O.
 */
record FailoverReport(Instant startedAt, BenchEnvironment environment, Map<String, String> settings,
        List<FailoverRun> runs) {

    private static final String MISSING = "—";

    FailoverReport {
        settings = new LinkedHashMap<>(settings);
        runs = List.copyOf(runs);
    }

    List<String> systems() {
        Set<String> systems = new LinkedHashSet<>();
        runs.forEach(run -> systems.add(run.system()));
        return List.copyOf(systems);
    }

    FailoverStats stats(String system) {
        return FailoverStats.of(runs.stream().filter(run -> run.system().equals(system) && run.outageMillis().isPresent())
                .map(run -> run.outageMillis().getAsDouble()).toList());
    }

    long runCount(String system) {
        return runs.stream().filter(run -> run.system().equals(system)).count();
    }

    /** system | runs | measured | median | p90 | min | max, in milliseconds. */
    String summaryTable() {
        StringBuilder out = new StringBuilder();
        out.append("| system | runs | measured | median ms | p90 ms | min ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String system : systems()) {
            FailoverStats stats = stats(system);
            out.append("| ").append(system).append(" | ").append(runCount(system)).append(" | ").append(stats.count())
                    .append(" | ").append(millis(stats.medianMillis())).append(" | ").append(millis(stats.p90Millis()))
                    .append(" | ").append(millis(stats.minMillis())).append(" | ").append(millis(stats.maxMillis()))
                    .append(" |\n");
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Failover benchmark: killing the leader\n\nStarted ").append(startedAt).append(". Systems: ")
                .append(String.join(", ", systems())).append(".\n\n");
        out.append(MarkdownReport.machineAndSettings(environment, settings));
        out.append("## Kill to first acknowledged write\n\n").append(summaryTable()).append('\n');
        out.append("## Every run\n\n| system | run | killed leader | new leader | kill → first write ms"
                + " | restart → healthy s | failed writes in the outage | note |\n|---|---:|---:|---:|---:|---:|---|---|\n");
        for (FailoverRun run : runs) {
            out.append("| ").append(run.system()).append(" | ").append(run.run()).append(" | ")
                    .append(run.killedId() == 0 ? MISSING : "server." + run.killedId()).append(" | ")
                    .append(run.newLeaderId().isPresent() ? "server." + run.newLeaderId().getAsInt() : MISSING).append(" | ")
                    .append(optional(run.outageMillis(), "%.0f")).append(" | ")
                    .append(optional(run.rejoinSeconds(), "%.1f")).append(" | ")
                    .append(run.errorsByCode().isEmpty() ? "0" : MarkdownReport.formatErrors(run.errorsByCode())).append(" | ")
                    .append(run.failure().orElse("")).append(" |\n");
        }
        out.append("""

                ## How to read this

                - Each run: steady writes from every writer session, SIGKILL to the member that answers `srvr` \
                as leader, then the time until the first `setData` *issued after the kill* is acknowledged. \
                Writes issued before the kill do not count, even if answered later. The clock starts when the \
                signal has been sent, so the outage covers failure detection, leader election, the new \
                leader's sync with its followers, and the client reconnecting (the official client waits up to \
                1 s at random before each reconnect attempt).
                - Then the killed member is restarted on its data and the next run waits until every member \
                serves again with exactly one leader.
                - Median of an even count is the mean of the middle two; p90 is the nearest rank.
                """);
        return out.toString();
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", startedAt.toString());
        root.put("environment", JsonReport.environmentFields(environment));
        root.put("settings", new LinkedHashMap<String, Object>(settings));
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String system : systems()) {
            FailoverStats stats = stats(system);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("runs", runCount(system));
            fields.put("measured", stats.count());
            fields.put("medianMillis", stats.medianMillis());
            fields.put("p90Millis", stats.p90Millis());
            fields.put("minMillis", stats.minMillis());
            fields.put("maxMillis", stats.maxMillis());
            summary.put(system, fields);
        }
        root.put("summary", summary);
        List<Object> entries = new ArrayList<>();
        for (FailoverRun run : runs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("system", run.system());
            entry.put("run", run.run());
            entry.put("killedId", run.killedId());
            entry.put("newLeaderId", run.newLeaderId().isPresent() ? run.newLeaderId().getAsInt() : null);
            entry.put("outageMillis", orNull(run.outageMillis()));
            entry.put("rejoinSeconds", orNull(run.rejoinSeconds()));
            entry.put("errorsByCode", new LinkedHashMap<String, Object>(run.errorsByCode()));
            entry.put("failure", run.failure().orElse(null));
            entries.add(entry);
        }
        root.put("runs", entries);
        return Json.write(root);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? MISSING : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String optional(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : MISSING;
    }

    private static Double orNull(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
