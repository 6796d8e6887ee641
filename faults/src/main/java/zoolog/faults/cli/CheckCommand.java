package zoolog.faults.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.checker.Verdict;
import zoolog.faults.history.HistoryJson;
import zoolog.faults.run.FaultRun;
import zoolog.faults.workload.WorkloadKind;

/**
 * {@code faults check <run dir or history.jsonl>}: runs the checkers again over a saved history,
 * for instance after a checker was improved, without starting anything.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Run the checkers over a saved history.jsonl.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", description = "A run directory or its history.jsonl.")
    private Path path;

    @Option(names = "--workload", split = ",", defaultValue = "register,sequential,ephemeral,lock",
            description = "Whose checkers to run (default: ${DEFAULT-VALUE}; a checker with nothing to check says UNKNOWN).")
    private List<WorkloadKind> workloads;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Path file = Files.isDirectory(path) ? path.resolve(FaultRun.HISTORY_FILE) : path;
        Verdict verdict = Verdict.PASS;
        for (CheckResult result : FaultRun.check(HistoryJson.read(file), workloads)) {
            stdout.printf("%-8s %-28s %s%n", result.verdict(), result.checker(), result.summary());
            result.details().forEach(line -> stdout.println("         " + line));
            verdict = verdict.and(result.verdict());
        }
        stdout.println("verdict: " + verdict);
        stdout.flush();
        return ExitCodes.of(verdict);
    }
}
