package zoolog.faults.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.checker.Verdict;
import zoolog.faults.cluster.SystemKind;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.history.HistoryJson;
import zoolog.faults.nemesis.NemesisKind;
import zoolog.faults.nemesis.NemesisPlan;
import zoolog.faults.report.SummaryWriter;
import zoolog.faults.run.FaultRun;
import zoolog.faults.run.RunSpec;
import zoolog.faults.workload.WorkloadKind;

/**
 * A short real run, as {@code bin/faults coord} does it: three node processes, register clients,
 * and a nemesis that kills nodes and partitions the network, then every checker must pass. The
 * system under test is the system property {@value #SYSTEM_PROPERTY} ({@code zoolog} by default,
 * {@code apache} for Apache ZooKeeper: {@code mvn -pl faults -am verify -Dzoolog.faults.system=apache}).
 * The run's files stay in {@code target/faults-it/<system>-<random>/} for a look at the report.
 */
class FaultRunIT {

    static final String SYSTEM_PROPERTY = "zoolog.faults.system";
    private static final Duration TIME = Duration.ofSeconds(30);
    private static final Duration NEMESIS_INTERVAL = Duration.ofSeconds(6);
    private static final Set<NemesisKind> NEMESES = Set.of(NemesisKind.KILL, NemesisKind.PARTITION);

    @Test
    void registerUnderKillsAndPartitionsStaysLinearizable() throws Exception {
        SystemKind system = SystemKind.valueOf(System.getProperty(SYSTEM_PROPERTY, "zoolog").toUpperCase(Locale.ROOT));
        Path runs = Files.createDirectories(Path.of("target", "faults-it"));
        Path out = Files.createTempDirectory(runs, system.name().toLowerCase(Locale.ROOT) + "-").toAbsolutePath();
        RunSpec spec = new RunSpec(system, 3, List.of(WorkloadKind.REGISTER), NEMESES, TIME, NEMESIS_INTERVAL, 4,
                seedWithBothFaults(), out);

        FaultRun.Result result = FaultRun.execute(spec);

        String summary = SummaryWriter.text(result.summary());
        assertNull(result.summary().problem(), summary);
        for (CheckResult check : result.summary().checks()) {
            assertEquals(Verdict.PASS, check.verdict(), summary);
        }
        assertEquals(Verdict.PASS, result.summary().verdict(), summary);
        List<HistoryEntry> history = HistoryJson.read(out.resolve(FaultRun.HISTORY_FILE));
        assertTrue(history.stream().anyMatch(entry -> entry.type() == EntryType.NEMESIS && entry.f() == Fn.KILL), summary);
        assertTrue(history.stream().anyMatch(entry -> entry.type() == EntryType.NEMESIS && entry.f() == Fn.PARTITION),
                summary);
        assertTrue(history.stream().filter(entry -> entry.type() == EntryType.OK).count() > 100,
                "the clients got work done: " + summary);
        assertTrue(Files.size(result.report()) > 0);
    }

    /** The first seed whose plan both kills and partitions, so the run always exercises both. */
    private static long seedWithBothFaults() {
        for (long seed = 1; ; seed++) {
            Set<NemesisKind> kinds = NemesisPlan.generate(NEMESES, 0, TIME.toNanos(), NEMESIS_INTERVAL.toNanos(), seed)
                    .steps().stream().map(NemesisPlan.Step::kind).collect(Collectors.toSet());
            if (kinds.equals(NEMESES)) {
                return seed;
            }
        }
    }
}
