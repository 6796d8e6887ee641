package zoolog.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import zoolog.bench.load.LoadResult;
import zoolog.bench.load.OpStats;

class MarkdownReportTest {

    private static final List<WorkloadRun> RUNS = List.of(
            WorkloadRun.measured("apache-zookeeper", "Zookeeper version: 3.9.3", "read 100%",
                    ReportFixtures.readOnly(200_000, 5000, 4.0)),
            WorkloadRun.failed("apache-zookeeper", "Zookeeper version: 3.9.3", "read 0%", "server had exited"),
            WorkloadRun.measured("zoolog", "Zookeeper version: zoolog 0.1", "read 100%",
                    ReportFixtures.readOnly(300_000, 2500, 3.0)),
            WorkloadRun.measured("zoolog", "Zookeeper version: zoolog 0.1", "read 0%",
                    ReportFixtures.readOnly(100_000, 7000, 1.0)));

    @Test
    void comparisonTableGroupsSystemsByWorkload() {
        List<String> lines = MarkdownReport.comparisonTable(RUNS).lines().toList();
        assertEquals(List.of(
                "| system | workload | ops/s | p50 µs | p99 µs | p99.9 µs | errors | server CPU-s / 1k ops"
                        + " | client CPU-s / 1k ops | other processes, CPUs |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                "| apache-zookeeper | read 100% | 20,000 | 800 | 5000 | 10000 | 0 | 0.0200 | — | — |",
                "| zoolog | read 100% | 30,000 | 800 | 2500 | 5000 | 0 | 0.0100 | — | — |",
                "| apache-zookeeper | read 0% | failed | — | — | — | — | — | — | — |",
                "| zoolog | read 0% | 10,000 | 800 | 7000 | 14000 | 0 | 0.0100 | — | — |"), lines);
    }

    @Test
    void relativeTableComparesWithTheFirstSystem() {
        List<String> lines = MarkdownReport.relativeTable(RUNS).lines().toList();
        assertEquals(List.of(
                "| system | workload | ops/s | p99 | server CPU per op |",
                "|---|---|---:|---:|---:|",
                "| zoolog | read 100% | 1.50× | 0.50× | 0.50× |"), lines);
        assertEquals("", MarkdownReport.relativeTable(RUNS.subList(0, 2)));
    }

    @Test
    void fullReportHasEverySection() {
        String report = MarkdownReport.render(ReportFixtures.report(RUNS));
        for (String heading : List.of("# Coordination server benchmark", "## Machine", "## Settings", "## Results",
                "## Relative to apache-zookeeper", "## Latency by operation", "## Servers", "## Failures",
                "## How to read this")) {
            assertTrue(report.contains("\n" + heading + "\n") || report.startsWith(heading + "\n"), heading);
        }
        assertTrue(report.contains("- CPU: Test CPU, 8 CPUs"));
        assertTrue(report.contains("| sessions × in flight per session | 32 × 4 |"));
        assertTrue(report.contains("- apache-zookeeper, read 0%: server had exited"));
        assertTrue(report.contains("| zoolog | read 0% | getData | 100000 | 800 | 7000 | 14000 | 21000 | 900 | 0 |"));
    }

    @Test
    void otherProcessesCpusIsTheMachinesBusyTimeLeftOverPerMeasuredSecond() {
        LoadResult clean = ReportFixtures.readOnly(200_000, 5000, 4.0);
        LoadResult noisy = new LoadResult(clean.spec(), clean.root(), LoadResult.StopReason.DURATION, 10.0,
                clean.byOpType(), clean.all(), OptionalDouble.of(6.0), OptionalDouble.of(5.0), OptionalDouble.of(16.0));
        assertEquals("0.50", MarkdownReport.formatCpus(noisy.otherProcessesCpus()));
        LoadResult rounding = new LoadResult(clean.spec(), clean.root(), LoadResult.StopReason.DURATION, 10.0,
                clean.byOpType(), clean.all(), OptionalDouble.of(6.0), OptionalDouble.of(5.0), OptionalDouble.of(10.99));
        assertEquals(OptionalDouble.of(0.0), rounding.otherProcessesCpus());
        assertEquals(OptionalDouble.empty(), clean.otherProcessesCpus());
    }

    @Test
    void loadSummaryShowsEachOpTypeAndErrors() {
        LoadResult clean = ReportFixtures.readOnly(200_000, 5000, 4.0);
        OpStats failing = new OpStats("all", clean.all().count(), Map.of("CONNECTIONLOSS", 3L, "TIMEOUT", 1L),
                900.4, 800, 5000, 10000, 15000);
        LoadResult withErrors = new LoadResult(clean.spec(), clean.root(), LoadResult.StopReason.OPS, 10.0,
                clean.byOpType(), failing, OptionalDouble.empty(), OptionalDouble.of(2.0), OptionalDouble.of(9.0));
        String summary = MarkdownReport.loadSummary(withErrors);
        assertTrue(summary.startsWith("read 100%: 32 sessions x 4 in flight, 1024-byte values, 1000 znodes\n"), summary);
        assertTrue(summary.contains("measured 10.0 s, stopped by ops: 20,000 ops/s"), summary);
        assertTrue(summary.contains("| getData | 200000 | 800 | 5000 | 10000 | 15000 | 900 | 0 |"), summary);
        assertTrue(summary.contains("| all | 200000 | 800 | 5000 | 10000 | 15000 | 900 | 4 (CONNECTIONLOSS=3, TIMEOUT=1) |"), summary);
        assertTrue(summary.contains("server CPU-s / 1k ops: —, load generator CPU-s / 1k ops: 0.0100,"
                + " other processes kept — CPUs busy"), summary);
        assertTrue(summary.endsWith("errors: CONNECTIONLOSS=3, TIMEOUT=1\n"), summary);
    }
}
