package zoolog.faults.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.faults.checker.CheckResult;
import zoolog.faults.checker.Verdict;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;
import zoolog.faults.history.HistoryJson;
import zoolog.faults.history.Operation;

/** The summary counts operations per function, and the HTML page is self-contained and shows faults and failures. */
class ReportTest {

    private static List<HistoryEntry> history() {
        List<HistoryEntry> entries = new ArrayList<>();
        entries.add(HistoryEntry.of(EntryType.INVOKE, 0, Fn.WRITE).withKey("/k").withValue(1L));
        entries.add(HistoryEntry.of(EntryType.NEMESIS, -1, Fn.PARTITION).withKey("[1] | [2 3]"));
        entries.add(HistoryEntry.of(EntryType.INFO, 0, Fn.WRITE).withKey("/k").withError("CONNECTIONLOSS"));
        entries.add(HistoryEntry.of(EntryType.INVOKE, 1, Fn.READ).withKey("/k"));
        entries.add(HistoryEntry.of(EntryType.OK, 1, Fn.READ).withKey("/k").withValue(1L).withVersion(1L));
        entries.add(HistoryEntry.of(EntryType.NEMESIS, -1, Fn.HEAL).withKey("network"));
        List<HistoryEntry> stamped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            stamped.add(entries.get(i).at(i, (i + 1) * 1_000_000_000L));
        }
        return stamped;
    }

    @Test
    void summaryAndPage(@TempDir Path dir) throws Exception {
        List<HistoryEntry> history = history();
        List<OpStats> stats = OpStats.of(Operation.pair(history));
        assertEquals(List.of("read", "write"), stats.stream().map(OpStats::f).toList());
        assertEquals(1, stats.get(0).ok());
        assertEquals(1000, stats.get(0).p50Millis(), 1, "the read took one second");
        assertEquals(1, stats.get(1).info(), "the write's outcome is unknown");
        Summary summary = new Summary("apache", 3, List.of("register"), List.of("partition"), 7, 6.0, Verdict.FAIL,
                List.of(new CheckResult("linearizable-register", Verdict.FAIL, "1 key", List.of("/k: <stale read>"))),
                stats, 2, null);

        SummaryWriter.write(dir, summary);
        Path page = HtmlReport.write(dir, summary, history);

        String text = Files.readString(dir.resolve(SummaryWriter.TEXT_FILE));
        assertTrue(text.contains("FAIL     linearizable-register"), text);
        assertEquals("FAIL", HistoryJson.MAPPER.readTree(dir.resolve(SummaryWriter.JSON_FILE).toFile()).get("verdict")
                .asText());
        String html = Files.readString(page);
        assertTrue(html.contains("partition [1] | [2 3]"), "the fault is drawn as a labelled band");
        assertTrue(html.contains("&lt;stale read&gt;"), "details are escaped");
        assertTrue(html.contains("CONNECTIONLOSS"), "the unknown write's tooltip names its error");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href="), "nothing is fetched");
    }
}
