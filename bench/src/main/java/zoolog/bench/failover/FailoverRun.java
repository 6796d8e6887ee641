package zoolog.bench.failover;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One kill of one system's leader: which member led and was killed, which member led afterwards, how
 * long from the SIGKILL until the first write issued after it was acknowledged, how long the killed
 * member took from its restart until the ensemble was healthy again, and the writes that failed in
 * the outage, by error code. A run that could not be measured carries the reason instead. Immutable.
 *
 * @param run            1-based number of the run within its system
 * @param killedId       {@code server.N} id of the leader that was killed; 0 if none was found
 * @param newLeaderId    id of the member leading after the outage, if one answered {@code srvr} as leader
 * @param outageMillis   SIGKILL to the first acknowledged write issued after it
 * @param rejoinSeconds  restart of the killed member to the whole ensemble serving again
 */
record FailoverRun(String system, int run, int killedId, OptionalInt newLeaderId, OptionalDouble outageMillis,
        OptionalDouble rejoinSeconds, Map<String, Long> errorsByCode, Optional<String> failure) {

    FailoverRun {
        errorsByCode = Collections.unmodifiableMap(new TreeMap<>(errorsByCode));
    }

    static FailoverRun failed(String system, int run, int killedId, String failure) {
        return new FailoverRun(system, run, killedId, OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Map.of(), Optional.of(failure));
    }
}
