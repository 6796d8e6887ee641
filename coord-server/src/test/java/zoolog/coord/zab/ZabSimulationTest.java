package zoolog.coord.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * ZAB's safety properties under generated fault schedules: each try is one seeded simulation
 * (see {@link ZabSimulation}); a failure prints its seed, and {@link #replay} reruns one seed.
 */
class ZabSimulationTest {

    @Property(tries = 1500)
    void threeVotersStaySafeAndConverge(@ForAll long seed) {
        new ZabSimulation(seed, 3, 0).run(1_500);
    }

    @Property(tries = 400)
    void fiveMembersWithAnObserverStaySafeAndConverge(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1) int observers) {
        new ZabSimulation(seed, 5 - observers, observers).run(2_000);
    }

    @Property(tries = 200)
    void aSingleVoterLeadsItself(@ForAll long seed) {
        new ZabSimulation(seed, 1, 0).run(300);
    }

    /** The generated schedules really reach every recovery path, so the properties above mean something. */
    @Test
    void schedulesCoverEverySyncModeCrashAndHandover() {
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 60; seed++) {
            ZabSimulation simulation = new ZabSimulation(seed, 3, 0);
            simulation.run(1_500);
            seen.addAll(simulation.seen());
        }
        assertEquals(Set.of("DIFF", "TRUNC", "SNAP", "crash", "crash losing unsynced writes", "epoch handover"), seen);
    }

    /** Paste a failing seed here to replay its run with the full trace. */
    @Test
    void replay() {
        new ZabSimulation(-1L, 4, 1).run(2_000);
    }
}
