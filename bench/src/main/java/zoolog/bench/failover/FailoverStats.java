package zoolog.bench.failover;

import java.util.List;

/**
 * Summary of one system's failover times in milliseconds: how many runs measured an outage, and
 * its median, 90th percentile, minimum and maximum. The median of an even count is the mean of the
 * middle two; p90 is the nearest rank (the smallest value with at least 90 % of the runs at or
 * below it), so with 10 runs it is the 9th fastest. Immutable; values are NaN when nothing was measured.
 */
record FailoverStats(int count, double medianMillis, double p90Millis, double minMillis, double maxMillis) {

    static FailoverStats of(List<Double> millis) {
        if (millis.isEmpty()) {
            return new FailoverStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int p90Rank = (int) Math.ceil(0.9 * n);
        return new FailoverStats(n, median, sorted.get(p90Rank - 1), sorted.get(0), sorted.get(n - 1));
    }
}
