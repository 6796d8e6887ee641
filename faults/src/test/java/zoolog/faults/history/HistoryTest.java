package zoolog.faults.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder stamps entries in order, the JSONL file reads back to the same entries, and pairing works. */
class HistoryTest {

    @Test
    void recordsStampsWritesAndReadsBack(@TempDir Path dir) {
        AtomicLong clock = new AtomicLong(1_000);
        Path file = dir.resolve("history.jsonl");
        History history = History.writingTo(file, () -> clock.addAndGet(10));
        HistoryEntry write = history.record(HistoryEntry.of(EntryType.INVOKE, 3, Fn.WRITE).withKey("/k").withValue(9L))
                .orElseThrow();
        history.record(write.completedAs(EntryType.OK).withVersion(4L));
        history.record(HistoryEntry.of(EntryType.NEMESIS, HistoryEntry.NEMESIS_PROCESS, Fn.PARTITION)
                .withKey("[1] | [2 3]"));
        history.record(HistoryEntry.of(EntryType.INVOKE, 4, Fn.LIST).withKey("/p"));
        history.close();

        List<HistoryEntry> read = HistoryJson.read(file);
        assertEquals(history.entries(), read);
        assertEquals(List.of(0L, 1L, 2L, 3L), read.stream().map(HistoryEntry::index).toList());
        assertTrue(read.get(0).timeNanos() < read.get(1).timeNanos());
        assertTrue(HistoryJson.toLine(read.get(1)).contains("\"type\":\"ok\",\"process\":3,\"f\":\"write\""));

        List<Operation> operations = Operation.pair(read);
        assertEquals(2, operations.size(), "the nemesis line is no operation");
        assertEquals(EntryType.OK, operations.get(0).outcome());
        assertEquals(EntryType.INFO, operations.get(1).outcome(), "an operation that never completed is unknown");
    }
}
