package zoolog.faults.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import zoolog.faults.history.HistoryEntry;

/**
 * The Wing–Gong search (with memo and the shortcut for unknown outcomes) must agree with the
 * brute-force check on every small history: linearizable ones made by construction, and the same
 * histories with one result changed, which are sometimes linearizable and sometimes not. The
 * coverage checks make sure both verdicts actually occur.
 */
class LinearizabilityCheckerPropertyTest {

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    @Property(tries = 1500)
    void agreesWithBruteForce(@ForAll Random random, @ForAll @IntRange(min = 1, max = 7) int operations,
            @ForAll boolean corrupt) {
        List<HistoryEntry> history = RandomRegisterHistory.linearizable(random, operations);
        if (corrupt) {
            history = RandomRegisterHistory.corruptOne(history, random);
        }
        List<RegisterOp> ops = RegisterOps.byKey(history).getOrDefault(RandomRegisterHistory.KEY, List.of());
        boolean expected = BruteForceLinearizability.isLinearizable(ops);
        Verdict verdict = checker.checkKey(ops).verdict();
        Statistics.label("linearizable").collect(expected);
        Statistics.label("linearizable").coverage(coverage -> {
            coverage.check(true).percentage(p -> p > 20);
            coverage.check(false).percentage(p -> p > 10);
        });
        assertEquals(expected ? Verdict.PASS : Verdict.FAIL, verdict, () -> describe(ops));
    }

    @Property(tries = 300)
    void historiesMadeByARealRegisterAreLinearizable(@ForAll Random random,
            @ForAll @IntRange(min = 1, max = 60) int operations) {
        List<HistoryEntry> history = RandomRegisterHistory.linearizable(random, operations);
        List<RegisterOp> ops = RegisterOps.byKey(history).getOrDefault(RandomRegisterHistory.KEY, List.of());
        assertEquals(Verdict.PASS, checker.checkKey(ops).verdict(), () -> describe(ops));
    }

    private static String describe(List<RegisterOp> ops) {
        StringBuilder text = new StringBuilder();
        ops.forEach(op -> text.append(op.describe()).append('\n'));
        return text.toString();
    }
}
