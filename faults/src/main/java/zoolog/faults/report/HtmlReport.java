package zoolog.faults.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.history.Operation;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) with the checkers' verdicts, a timeline of every client operation as a bar from
 * invocation to completion in its process's lane (green ok, grey fail, orange unknown), the
 * nemesis's faults as shaded bands, a latency scatter plot on a log scale, and the table of
 * counts and percentiles. Hovering a bar or point shows the operation. Long runs are thinned to
 * about {@link #DRAWN_OPS_MAX} ok operations, never dropping a failed or unknown one. Stateless.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    /** Beyond about this many operations the plots draw every k-th ok one (and all others); browsers slow down. */
    static final int DRAWN_OPS_MAX = 20_000;
    private static final int WIDTH = 1200;
    private static final int LEFT = 60;
    private static final int LANE_PX_MAX = 12;
    private static final int LANE_PX_MIN = 3;
    private static final int TIMELINE_PX_MAX = 900;
    private static final int LATENCY_PX = 300;
    private static final String OK_COLOUR = "#2e9e44";
    private static final String FAIL_COLOUR = "#9a9a9a";
    private static final String INFO_COLOUR = "#f08c00";

    private HtmlReport() {
    }

    public static Path write(Path dir, Summary summary, List<HistoryEntry> history) throws IOException {
        Path file = dir.resolve(FILE);
        Files.writeString(file, render(summary, history), StandardCharsets.UTF_8);
        return file;
    }

    static String render(Summary summary, List<HistoryEntry> history) {
        List<Operation> operations = Operation.pair(history);
        int stride = (operations.size() + DRAWN_OPS_MAX - 1) / DRAWN_OPS_MAX;
        List<Operation> drawn = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            if (i % stride == 0 || operations.get(i).outcome() != EntryType.OK) {
                drawn.add(operations.get(i));
            }
        }
        long endNanos = Math.max(1, history.isEmpty() ? 1 : history.get(history.size() - 1).timeNanos());
        StringBuilder html = new StringBuilder(1 << 20);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Fault run: ")
                .append(escape(summary.verdict().name())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:20px;color:#222}table{border-collapse:collapse}")
                .append("td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}")
                .append(".PASS{color:#1a7f37;font-weight:bold}.FAIL{color:#c62828;font-weight:bold}")
                .append(".UNKNOWN{color:#b26a00;font-weight:bold}pre{background:#f6f6f6;padding:6px}")
                .append("svg{border:1px solid #ccc;background:#fff}</style></head><body>");
        html.append("<h1>Fault run: <span class=\"").append(summary.verdict()).append("\">").append(summary.verdict())
                .append("</span></h1><pre>").append(escape(parameters(summary))).append("</pre>");
        checks(html, summary);
        html.append("<h2>Timeline</h2><p>One lane per client process (a client takes a new process number after an ")
                .append("unknown outcome). Bars: <span style=\"color:").append(OK_COLOUR).append("\">ok</span>, ")
                .append("<span style=\"color:").append(FAIL_COLOUR).append("\">fail</span>, <span style=\"color:")
                .append(INFO_COLOUR).append("\">unknown</span>; shaded bands: nemesis faults.");
        if (stride > 1) {
            html.append(" Of ").append(operations.size()).append(" operations, every ").append(stride)
                    .append("th ok one is drawn, and every failed or unknown one.");
        }
        html.append("</p>");
        timeline(html, drawn, history, endNanos);
        html.append("<h2>Latency</h2><p>Completed operations by completion time, log scale.</p>");
        latency(html, drawn, history, endNanos);
        stats(html, summary);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String parameters(Summary summary) {
        return String.format(Locale.ROOT, "system %s, %d nodes, workload %s, nemesis %s, seed %d, %.1f s%s",
                summary.system(), summary.nodes(), String.join(",", summary.workloads()),
                summary.nemeses().isEmpty() ? "none" : String.join(",", summary.nemeses()), summary.seed(),
                summary.seconds(), summary.problem() == null ? "" : "\nrun problem: " + summary.problem());
    }

    private static void checks(StringBuilder html, Summary summary) {
        html.append("<h2>Checkers</h2><table><tr><th>checker</th><th>verdict</th><th>what it saw</th></tr>");
        for (CheckResult check : summary.checks()) {
            html.append("<tr><td>").append(escape(check.checker())).append("</td><td class=\"").append(check.verdict())
                    .append("\">").append(check.verdict()).append("</td><td>").append(escape(check.summary()));
            if (!check.details().isEmpty()) {
                html.append("<pre>").append(escape(String.join("\n", check.details()))).append("</pre>");
            }
            html.append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void timeline(StringBuilder html, List<Operation> drawn, List<HistoryEntry> history, long endNanos) {
        Map<Integer, Integer> lanes = new TreeMap<>();
        drawn.forEach(operation -> lanes.putIfAbsent(operation.invocation().process(), 0));
        int lane = 0;
        for (Map.Entry<Integer, Integer> entry : lanes.entrySet()) {
            entry.setValue(lane++);
        }
        int lanePx = Math.max(LANE_PX_MIN, Math.min(LANE_PX_MAX, TIMELINE_PX_MAX / Math.max(1, lanes.size())));
        int height = 30 + lanePx * Math.max(1, lanes.size());
        svgStart(html, height);
        nemesisBands(html, history, endNanos, height);
        for (Operation operation : drawn) {
            double x1 = x(operation.invocation().timeNanos(), endNanos);
            double x2 = operation.completion() == null ? x(endNanos, endNanos) : x(operation.completion().timeNanos(), endNanos);
            int y = 25 + lanePx * lanes.get(operation.invocation().process());
            html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">",
                    x1, y, Math.max(1, x2 - x1), Math.max(1, lanePx - 1), colour(operation.outcome())))
                    .append("<title>").append(escape(describe(operation))).append("</title></rect>");
        }
        axis(html, endNanos, height);
        html.append("</svg>");
    }

    private static void latency(StringBuilder html, List<Operation> drawn, List<HistoryEntry> history, long endNanos) {
        int height = LATENCY_PX;
        svgStart(html, height);
        nemesisBands(html, history, endNanos, height);
        double logMax = 5;
        for (int decade = 0; decade <= logMax; decade++) {
            double y = latencyY(Math.pow(10, decade - 1), height, logMax);
            html.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"2\" y=\"%.1f\" font-size=\"10\">%s ms</text>", LEFT, WIDTH, y, y, y + 3,
                    decade == 0 ? "0.1" : Long.toString((long) Math.pow(10, decade - 1))));
        }
        for (Operation operation : drawn) {
            if (operation.completion() == null) {
                continue;
            }
            double millis = operation.latencyNanos() / 1e6;
            html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\">",
                    x(operation.completion().timeNanos(), endNanos), latencyY(millis, height, logMax),
                    colour(operation.outcome())))
                    .append("<title>").append(escape(describe(operation))).append("</title></circle>");
        }
        axis(html, endNanos, height);
        html.append("</svg>");
    }

    private static double latencyY(double millis, int height, double logMax) {
        double log = Math.log10(Math.max(0.1, millis)) + 1;
        return height - 20 - (height - 30) * Math.min(logMax, log) / logMax;
    }

    private static void stats(StringBuilder html, Summary summary) {
        html.append("<h2>Operations</h2><table><tr><th>operation</th><th>ok</th><th>fail</th><th>unknown</th>")
                .append("<th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>");
        for (OpStats stats : summary.operations()) {
            html.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.2f</td></tr>",
                    escape(stats.f()), stats.ok(), stats.fail(), stats.info(), stats.p50Millis(), stats.p99Millis(),
                    stats.maxMillis()));
        }
        html.append("</table><p>").append(summary.nemesisEvents()).append(" nemesis events.</p>");
    }

    private static void svgStart(StringBuilder html, int height) {
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\">");
    }

    /** Bands from each fault's injection to its heal, labelled with the fault; open faults run to the end. */
    private static void nemesisBands(StringBuilder html, List<HistoryEntry> history, long endNanos, int height) {
        List<HistoryEntry> open = new ArrayList<>();
        for (HistoryEntry entry : history) {
            if (entry.type() != EntryType.NEMESIS) {
                continue;
            }
            if (entry.f() == Fn.KILL || entry.f() == Fn.PAUSE || entry.f() == Fn.PARTITION) {
                open.add(entry);
            } else {
                HistoryEntry fault = open.stream().filter(candidate -> heals(candidate, entry)).findFirst().orElse(null);
                if (fault != null) {
                    open.remove(fault);
                    band(html, fault, entry.timeNanos(), endNanos, height);
                }
            }
        }
        open.forEach(fault -> band(html, fault, endNanos, endNanos, height));
    }

    private static boolean heals(HistoryEntry fault, HistoryEntry heal) {
        return switch (fault.f()) {
            case KILL -> heal.f() == Fn.RESTART && heal.key().equals(fault.key());
            case PAUSE -> heal.f() == Fn.RESUME && heal.key().equals(fault.key());
            default -> heal.f() == Fn.HEAL;
        };
    }

    private static void band(StringBuilder html, HistoryEntry fault, long untilNanos, long endNanos, int height) {
        double x1 = x(fault.timeNanos(), endNanos);
        double x2 = x(untilNanos, endNanos);
        String label = fault.f().jsonName() + " " + fault.key();
        html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                + "fill-opacity=\"0.15\"><title>%s</title></rect><text x=\"%.1f\" y=\"12\" font-size=\"10\">%s</text>",
                x1, Math.max(1, x2 - x1), height, fault.f() == Fn.PARTITION ? "#1565c0" : "#c62828", escape(label),
                x1 + 2, escape(label)));
    }

    private static void axis(StringBuilder html, long endNanos, int height) {
        double seconds = endNanos / 1e9;
        double step = seconds > 120 ? 30 : seconds > 30 ? 10 : 5;
        for (double t = 0; t <= seconds; t += step) {
            double x = x((long) (t * 1e9), endNanos);
            html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.0f s</text>", x, x, height - 15, height - 10, x + 2,
                    height - 2, t));
        }
    }

    private static double x(long nanos, long endNanos) {
        return LEFT + (WIDTH - LEFT - 10) * (double) Math.min(nanos, endNanos) / endNanos;
    }

    private static String colour(EntryType outcome) {
        return outcome == EntryType.OK ? OK_COLOUR : outcome == EntryType.FAIL ? FAIL_COLOUR : INFO_COLOUR;
    }

    static String describe(Operation operation) {
        HistoryEntry in = operation.invocation();
        HistoryEntry out = operation.completion();
        StringBuilder text = new StringBuilder("process ").append(in.process()).append(' ').append(in.f().jsonName());
        appendPayload(text, in);
        text.append(" -> ").append(operation.outcome().jsonName());
        if (out != null) {
            appendPayload(text, out);
            text.append(String.format(Locale.ROOT, ", %.2f ms", operation.latencyNanos() / 1e6));
        }
        return text.toString();
    }

    private static void appendPayload(StringBuilder text, HistoryEntry entry) {
        if (entry.key() != null && entry.type() == EntryType.INVOKE) {
            text.append(' ').append(entry.key());
        }
        if (entry.value() != null) {
            text.append(" value=").append(entry.value());
        }
        if (entry.version() != null) {
            text.append(" version=").append(entry.version());
        }
        if (entry.error() != null) {
            text.append(' ').append(entry.error());
        }
        if (entry.names() != null && entry.names().size() <= 3) {
            text.append(' ').append(entry.names());
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
