package zoolog.faults.report;

import java.util.List;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.checker.Verdict;

/**
 * What a run was and what the checkers concluded; written as {@code summary.json} and
 * {@code summary.txt} and shown at the top of the HTML report. {@code verdict} is the worst of the
 * checkers' verdicts. Immutable.
 */
public record Summary(String system, int nodes, List<String> workloads, List<String> nemeses, long seed,
        double seconds, Verdict verdict, List<CheckResult> checks, List<OpStats> operations, int nemesisEvents,
        String problem) {

    public Summary {
        workloads = List.copyOf(workloads);
        nemeses = List.copyOf(nemeses);
        checks = List.copyOf(checks);
        operations = List.copyOf(operations);
    }
}
