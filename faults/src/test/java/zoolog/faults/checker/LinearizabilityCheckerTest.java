package zoolog.faults.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/** Hand-written histories with a known answer, including the classic stale read and unknown writes. */
class LinearizabilityCheckerTest {

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Test
    void staleReadAfterACompletedWriteIsNotLinearizable() {
        List<HistoryEntry> history = new HistoryBuilder()
                .add(EntryType.INVOKE, 0, Fn.WRITE, e -> e.withKey("/k").withValue(5L))
                .add(EntryType.OK, 0, Fn.WRITE, e -> e.withKey("/k").withValue(5L).withVersion(1L))
                .add(EntryType.INVOKE, 1, Fn.READ, e -> e.withKey("/k"))
                .add(EntryType.OK, 1, Fn.READ, e -> e.withKey("/k").withValue(0L).withVersion(0L))
                .build();
        CheckResult result = checker.check(history);
        assertEquals(Verdict.FAIL, result.verdict());
        assertTrue(result.details().get(0).contains("read() ok 0@v0"), result.details().toString());
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        List<HistoryEntry> history = new HistoryBuilder()
                .add(EntryType.INVOKE, 0, Fn.WRITE, e -> e.withKey("/k").withValue(5L))
                .add(EntryType.INVOKE, 1, Fn.READ, e -> e.withKey("/k"))
                .add(EntryType.OK, 1, Fn.READ, e -> e.withKey("/k").withValue(0L).withVersion(0L))
                .add(EntryType.OK, 0, Fn.WRITE, e -> e.withKey("/k").withValue(5L).withVersion(1L))
                .build();
        assertEquals(Verdict.PASS, checker.check(history).verdict());
    }

    @Test
    void anUnknownWriteMayTakeEffectLongAfterItsClientGaveUp() {
        List<HistoryEntry> history = new HistoryBuilder()
                .add(EntryType.INVOKE, 0, Fn.WRITE, e -> e.withKey("/k").withValue(7L))
                .add(EntryType.INFO, 0, Fn.WRITE, e -> e.withKey("/k").withValue(7L).withError("CONNECTIONLOSS"))
                .add(EntryType.INVOKE, 1, Fn.READ, e -> e.withKey("/k"))
                .add(EntryType.OK, 1, Fn.READ, e -> e.withKey("/k").withValue(0L).withVersion(0L))
                .add(EntryType.INVOKE, 1, Fn.READ, e -> e.withKey("/k"))
                .add(EntryType.OK, 1, Fn.READ, e -> e.withKey("/k").withValue(7L).withVersion(1L))
                .build();
        assertEquals(Verdict.PASS, checker.check(history).verdict());
    }

    @Test
    void aFailedCasProvesTheVersionDiffered() {
        List<HistoryEntry> history = new HistoryBuilder()
                .add(EntryType.INVOKE, 0, Fn.CAS, e -> e.withKey("/k").withValue(3L).withVersion(0L))
                .add(EntryType.FAIL, 0, Fn.CAS, e -> e.withKey("/k").withValue(3L).withVersion(0L).withError("BADVERSION"))
                .build();
        assertEquals(Verdict.FAIL, checker.check(history).verdict(), "nothing changed version 0, so the cas had to succeed");
    }

    @Test
    void keysAreCheckedIndependentlyAndAnEmptyHistoryIsUnknown() {
        List<HistoryEntry> history = new HistoryBuilder()
                .add(EntryType.INVOKE, 0, Fn.WRITE, e -> e.withKey("/a").withValue(1L))
                .add(EntryType.OK, 0, Fn.WRITE, e -> e.withKey("/a").withValue(1L).withVersion(1L))
                .add(EntryType.INVOKE, 0, Fn.READ, e -> e.withKey("/b"))
                .add(EntryType.OK, 0, Fn.READ, e -> e.withKey("/b").withValue(0L).withVersion(0L))
                .build();
        assertEquals(Verdict.PASS, checker.check(history).verdict());
        assertEquals(Verdict.UNKNOWN, checker.check(List.of()).verdict());
    }

    @Test
    void aSearchOverItsBudgetIsUnknownNotAGuess() {
        HistoryBuilder builder = new HistoryBuilder();
        for (int i = 0; i < 12; i++) {
            long value = i + 1;
            builder.add(EntryType.INVOKE, i, Fn.WRITE, e -> e.withKey("/k").withValue(value));
        }
        builder.add(EntryType.INVOKE, 99, Fn.READ, e -> e.withKey("/k"))
                .add(EntryType.OK, 99, Fn.READ, e -> e.withKey("/k").withValue(42L).withVersion(3L));
        assertEquals(Verdict.UNKNOWN, new LinearizabilityChecker(50).check(builder.build()).verdict());
    }
}
