package zoolog.bench.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one comparison produced, in the order it ran: when, where, with which settings
 * (display name to value, in display order) and each workload run per system. The runner fills it
 * in on its main thread and hands it to {@link MarkdownReport} and {@link JsonReport}. Immutable.
 */
public record ComparisonReport(Instant startedAt, BenchEnvironment environment, Map<String, String> settings,
        List<WorkloadRun> runs) {

    public ComparisonReport {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        runs = List.copyOf(runs);
    }
}
