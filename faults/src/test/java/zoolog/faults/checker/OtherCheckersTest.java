package zoolog.faults.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.faults.history.EntryType;
import zoolog.faults.history.Fn;
import zoolog.faults.history.HistoryEntry;

/** The sequential, ephemeral and lock checkers on small histories that pass and that fail. */
class OtherCheckersTest {

    private static final String SEQ = "/faults/sequential";
    private static final String EPH = "/faults/ephemeral";

    private static String seq(int number) {
        return SEQ + "/n-" + String.format("%010d", number);
    }

    private static HistoryBuilder creates(HistoryBuilder builder, int... numbers) {
        for (int number : numbers) {
            builder.add(EntryType.INVOKE, number, Fn.CREATE_SEQUENTIAL, e -> e.withKey(SEQ))
                    .add(EntryType.OK, number, Fn.CREATE_SEQUENTIAL, e -> e.withKey(SEQ).withNames(List.of(seq(number))));
        }
        return builder;
    }

    @Test
    void sequentialPassesWhenNumbersAreUniqueGaplessAndNothingIsLost() {
        HistoryBuilder builder = creates(new HistoryBuilder(), 0, 1)
                .add(EntryType.INVOKE, 7, Fn.CREATE_SEQUENTIAL, e -> e.withKey(SEQ))
                .add(EntryType.INFO, 7, Fn.CREATE_SEQUENTIAL, e -> e.withKey(SEQ).withError("CONNECTIONLOSS"))
                .add(EntryType.OK, 9, Fn.LIST, e -> e.withKey(SEQ).withNames(List.of(seq(0), seq(1), seq(2))));
        assertEquals(Verdict.PASS, new SequentialChecker(SEQ).check(builder.build()).verdict());
    }

    @Test
    void sequentialNamesLostCreatesGapsAndPhantoms() {
        HistoryBuilder builder = creates(new HistoryBuilder(), 0, 1, 1)
                .add(EntryType.OK, 9, Fn.LIST, e -> e.withKey(SEQ).withNames(List.of(seq(0), seq(2), seq(3), seq(4))));
        CheckResult result = new SequentialChecker(SEQ).check(builder.build());
        assertEquals(Verdict.FAIL, result.verdict());
        String details = String.join("\n", result.details());
        assertTrue(details.contains("same name"), details);
        assertTrue(details.contains("missing from the final listing"), details);
        assertTrue(details.contains("number 1 is missing"), details);
        assertTrue(details.contains("phantom"), details);
    }

    @Test
    void sequentialWithoutAFinalListingIsUnknown() {
        assertEquals(Verdict.UNKNOWN, new SequentialChecker(SEQ).check(creates(new HistoryBuilder(), 0).build()).verdict());
    }

    private static HistoryBuilder ephemeralSession(HistoryBuilder builder, long session, Fn end) {
        String path = EPH + "/s" + session + "-0";
        return builder.add(EntryType.INVOKE, 1, Fn.CREATE_EPHEMERAL, e -> e.withKey(path).withSession(session))
                .add(EntryType.OK, 1, Fn.CREATE_EPHEMERAL, e -> e.withKey(path).withSession(session)
                        .withNames(List.of(path)))
                .add(EntryType.INVOKE, 1, end, e -> e.withSession(session))
                .add(EntryType.OK, 1, end, e -> e.withSession(session));
    }

    @Test
    void ephemeralsMustBeGoneOnceTheirSessionsEnded() {
        HistoryBuilder builder = ephemeralSession(ephemeralSession(new HistoryBuilder(), 10, Fn.CLOSE_SESSION), 11,
                Fn.ABANDON_SESSION);
        List<HistoryEntry> clean = builder.build();
        EphemeralChecker checker = new EphemeralChecker(EPH);
        assertEquals(Verdict.UNKNOWN, checker.check(clean).verdict(), "no final listing yet");
        builder.add(EntryType.OK, 2, Fn.LIST, e -> e.withKey(EPH).withNames(List.of()));
        assertEquals(Verdict.PASS, checker.check(builder.build()).verdict());
        HistoryBuilder leftover = ephemeralSession(new HistoryBuilder(), 11, Fn.ABANDON_SESSION)
                .add(EntryType.OK, 2, Fn.LIST, e -> e.withKey(EPH).withNames(List.of(EPH + "/s11-0")));
        CheckResult result = checker.check(leftover.build());
        assertEquals(Verdict.FAIL, result.verdict());
        assertTrue(result.details().get(0).contains("ended by abandon-session"), result.details().toString());
    }

    @Test
    void locksMustNotOverlapButALostConnectionEndsAHold() {
        HistoryBuilder builder = new HistoryBuilder()
                .add(EntryType.INVOKE, 1, Fn.ACQUIRE).add(EntryType.OK, 1, Fn.ACQUIRE)
                .add(EntryType.INFO, 1, Fn.LOCK_LOST, e -> e.withError("SUSPENDED"))
                .add(EntryType.INVOKE, 2, Fn.ACQUIRE).add(EntryType.OK, 2, Fn.ACQUIRE)
                .add(EntryType.INVOKE, 1, Fn.RELEASE).add(EntryType.INFO, 1, Fn.RELEASE)
                .add(EntryType.INVOKE, 2, Fn.RELEASE).add(EntryType.OK, 2, Fn.RELEASE);
        assertEquals(Verdict.PASS, new LockChecker().check(builder.build()).verdict());
        HistoryBuilder overlapping = new HistoryBuilder()
                .add(EntryType.INVOKE, 1, Fn.ACQUIRE).add(EntryType.OK, 1, Fn.ACQUIRE)
                .add(EntryType.INVOKE, 2, Fn.ACQUIRE).add(EntryType.OK, 2, Fn.ACQUIRE)
                .add(EntryType.INVOKE, 1, Fn.RELEASE).add(EntryType.OK, 1, Fn.RELEASE);
        CheckResult result = new LockChecker().check(overlapping.build());
        assertEquals(Verdict.FAIL, result.verdict());
        assertTrue(result.details().get(0).contains("process 2 acquired the lock"), result.details().toString());
    }
}
