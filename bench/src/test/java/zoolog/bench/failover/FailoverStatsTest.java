package zoolog.bench.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverStatsTest {

    @Test
    void tenRunsGiveTheMeanOfTheMiddleTwoAndTheNinthFastest() {
        FailoverStats stats = FailoverStats.of(List.of(10.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0));
        assertEquals(new FailoverStats(10, 5.5, 9.0, 1.0, 10.0), stats);
    }

    @Test
    void anOddCountHasATrueMiddle() {
        assertEquals(new FailoverStats(3, 700.0, 900.0, 600.0, 900.0), FailoverStats.of(List.of(900.0, 600.0, 700.0)));
        assertEquals(new FailoverStats(1, 42.0, 42.0, 42.0, 42.0), FailoverStats.of(List.of(42.0)));
    }

    @Test
    void nothingMeasuredIsNaN() {
        FailoverStats stats = FailoverStats.of(List.of());
        assertEquals(0, stats.count());
        assertTrue(Double.isNaN(stats.medianMillis()) && Double.isNaN(stats.maxMillis()));
    }
}
