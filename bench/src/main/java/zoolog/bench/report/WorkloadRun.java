package zoolog.bench.report;

import java.util.Optional;
import zoolog.bench.load.LoadResult;

/**
 * One cell of a comparison: a workload run against one system, either measured or failed (the
 * server did not start, sessions did not connect, the server died). Immutable.
 *
 * @param system         {@code apache-zookeeper} or {@code zoolog}
 * @param serverVersion  first line of the server's {@code srvr} answer, or empty if it never answered
 * @param workload       the workload's display name, e.g. {@code read 90%}
 */
public record WorkloadRun(String system, String serverVersion, String workload,
        Optional<LoadResult> result, Optional<String> failure) {

    public static WorkloadRun measured(String system, String serverVersion, String workload, LoadResult result) {
        return new WorkloadRun(system, serverVersion, workload, Optional.of(result), Optional.empty());
    }

    public static WorkloadRun failed(String system, String serverVersion, String workload, String failure) {
        return new WorkloadRun(system, serverVersion, workload, Optional.empty(), Optional.of(failure));
    }
}
