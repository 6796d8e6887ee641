package zoolog.faults.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import zoolog.faults.proxy.Link;

/** Plans are deterministic, stay inside the run and never overlap; partitions have the promised shapes. */
class NemesisPlanTest {

    private static final long SECOND = 1_000_000_000L;

    @Property(tries = 200)
    void faultsAreSequentialAndEndBeforeTheRunDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int seconds) {
        long start = 5 * SECOND;
        NemesisPlan plan = NemesisPlan.generate(Set.of(NemesisKind.values()), start, seconds * SECOND, 10 * SECOND, seed);
        assertEquals(plan, NemesisPlan.generate(Set.of(NemesisKind.values()), start, seconds * SECOND, 10 * SECOND, seed));
        long previousEnd = start;
        for (NemesisPlan.Step step : plan.steps()) {
            assertTrue(step.startNanos() >= previousEnd + 5 * SECOND, "a calm period precedes every fault");
            assertTrue(step.durationNanos() >= 5 * SECOND && step.durationNanos() <= 10 * SECOND);
            assertEquals(step.kind() == NemesisKind.PARTITION, step.shape() != null);
            previousEnd = step.startNanos() + step.durationNanos();
        }
        assertTrue(previousEnd <= start + seconds * SECOND);
    }

    @Test
    void noKindsMeansNoFaults() {
        assertEquals(List.of(), NemesisPlan.generate(Set.of(), 0, 60 * SECOND, SECOND, 1).steps());
    }

    @Test
    void partitionShapes() {
        List<Integer> five = List.of(1, 2, 3, 4, 5);
        Partition majority = Partitions.majorityMinority(five, new SplittableRandom(3));
        assertEquals(2 * 2 * 3, majority.cut().size(), "2 minority x 3 majority links, both directions");

        Partition isolated = Partitions.isolate(five, 4);
        assertEquals("[4] | [1 2 3 5]", isolated.description());
        assertTrue(isolated.cut().contains(new Link(4, 1)) && isolated.cut().contains(new Link(1, 4)));
        assertTrue(!isolated.cut().contains(new Link(1, 2)));

        Partition bridge = Partitions.bridge(List.of(1, 2, 3), new SplittableRandom(5));
        assertEquals(2, bridge.cut().size(), "the two ends lose each other, the bridge keeps both");
        Partition bridgeOfFive = Partitions.bridge(five, new SplittableRandom(5));
        assertEquals(2 * 2 * 2, bridgeOfFive.cut().size());
    }
}
