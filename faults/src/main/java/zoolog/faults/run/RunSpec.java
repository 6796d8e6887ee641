package zoolog.faults.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import zoolog.faults.cluster.SystemKind;
import zoolog.faults.nemesis.NemesisKind;
import zoolog.faults.workload.WorkloadKind;

/**
 * Everything one run is told: which server, how many nodes, which workloads with how many client
 * threads each, which faults how often, for how long, with which seed, and where to write. Parsed
 * once at the edge (the command line or a test) and immutable.
 *
 * @param time              how long the clients run; the nemesis schedules faults within it
 * @param nemesisInterval   calm and fault periods each last between half of this and all of it
 */
public record RunSpec(SystemKind system, int nodes, List<WorkloadKind> workloads, Set<NemesisKind> nemeses,
        Duration time, Duration nemesisInterval, int clients, long seed, Path outDir) {

    public static final int NODES_MAX = 9;
    public static final int CLIENTS_MAX = 64;

    public RunSpec {
        workloads = List.copyOf(workloads);
        nemeses = Set.copyOf(nemeses);
        if (nodes < 1 || nodes > NODES_MAX) {
            throw new IllegalArgumentException("--nodes must be 1.." + NODES_MAX + ", not " + nodes);
        }
        if (clients < 1 || clients > CLIENTS_MAX) {
            throw new IllegalArgumentException("--clients must be 1.." + CLIENTS_MAX + ", not " + clients);
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("name at least one workload");
        }
        if (time.isNegative() || time.isZero() || nemesisInterval.isNegative() || nemesisInterval.isZero()) {
            throw new IllegalArgumentException("--time and --nemesis-interval must be positive");
        }
    }
}
