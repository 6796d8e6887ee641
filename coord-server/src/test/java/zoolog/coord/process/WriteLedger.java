package zoolog.coord.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The history a crash test checks the recovered server against: every write a client attempted
 * (recorded before it is sent) and what the server told the client about each acknowledged one
 * (the created path with its sequential suffix, the new version, czxid/mzxid). An attempt without
 * an acknowledgement has an unknown outcome (the kill may have come before or after its fsync); an
 * acknowledged write must have survived. Written from the clients' event threads, read by the test
 * thread once the writers have stopped.
 */
final class WriteLedger {

    /** An acknowledged create: the path the server reported, the data sent, the czxid the client saw. */
    record Created(String path, String data, long czxid, long ephemeralOwner) {}

    /** An acknowledged setData: the version and mzxid the client saw, the data it sent. */
    record DataSet(String path, int version, String data, long mzxid) {}

    /** Attempted counts and data per counter; only the test thread reads them, after the writers stopped. */
    private static final class CounterAttempts {
        final AtomicInteger count = new AtomicInteger();
        final Set<String> data = ConcurrentHashMap.newKeySet();
    }

    private final Set<String> attemptedPaths = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> sequentialAttempts = new ConcurrentHashMap<>();
    private final Map<String, CounterAttempts> setAttempts = new ConcurrentHashMap<>();
    private final Queue<Created> created = new ConcurrentLinkedQueue<>();
    private final Queue<Created> sequentialCreated = new ConcurrentLinkedQueue<>();
    private final Queue<Created> ephemeralCreated = new ConcurrentLinkedQueue<>();
    private final Queue<DataSet> dataSets = new ConcurrentLinkedQueue<>();
    private final Queue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> knownVersions = new ConcurrentHashMap<>();
    private final AtomicLong zxidMax = new AtomicLong();
    private final AtomicInteger acks = new AtomicInteger();

    // ---------------------------------------------------------------- attempts, before sending

    void attemptCreate(String path) {
        attemptedPaths.add(path);
    }

    /** A sequential create of {@code prefix}; the server appends the 10-digit suffix. */
    void attemptSequential(String prefix) {
        sequentialAttempts.computeIfAbsent(prefix, p -> new AtomicInteger()).incrementAndGet();
    }

    void attemptSet(String path, String data) {
        CounterAttempts attempts = setAttempts.computeIfAbsent(path, p -> new CounterAttempts());
        attempts.count.incrementAndGet();
        attempts.data.add(data);
    }

    // ---------------------------------------------------------------- acknowledgements

    void ackCreate(Created ack) {
        created.add(ack);
        acked(ack.czxid());
    }

    void ackSequential(Created ack) {
        sequentialCreated.add(ack);
        acked(ack.czxid());
    }

    void ackEphemeral(Created ack) {
        ephemeralCreated.add(ack);
        acked(ack.czxid());
    }

    void ackSet(DataSet ack) {
        dataSets.add(ack);
        knownVersions.computeIfAbsent(ack.path(), p -> new AtomicInteger()).accumulateAndGet(ack.version(), Math::max);
        acked(ack.mzxid());
    }

    /** A reply no correct server gives in this workload (say NodeExists for a unique name). */
    void anomaly(String description) {
        anomalies.add(description);
    }

    private void acked(long zxid) {
        zxidMax.accumulateAndGet(zxid, Math::max);
        acks.incrementAndGet();
    }

    // ---------------------------------------------------------------- reading the history

    /** The highest version of {@code path} any client has been told about, for conditional setData. */
    int knownVersion(String path) {
        AtomicInteger version = knownVersions.get(path);
        return version == null ? 0 : version.get();
    }

    int ackCount() {
        return acks.get();
    }

    long zxidMax() {
        return zxidMax.get();
    }

    boolean attempted(String path) {
        return attemptedPaths.contains(path);
    }

    int sequentialAttempts(String prefix) {
        AtomicInteger count = sequentialAttempts.get(prefix);
        return count == null ? 0 : count.get();
    }

    int setAttempts(String path) {
        CounterAttempts attempts = setAttempts.get(path);
        return attempts == null ? 0 : attempts.count.get();
    }

    boolean setAttempted(String path, String data) {
        CounterAttempts attempts = setAttempts.get(path);
        return attempts != null && attempts.data.contains(data);
    }

    List<Created> created() {
        return List.copyOf(created);
    }

    List<Created> sequentialCreated() {
        return List.copyOf(sequentialCreated);
    }

    List<Created> ephemeralCreated() {
        return List.copyOf(ephemeralCreated);
    }

    List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    /** Acknowledged setData replies grouped by path. */
    Map<String, List<DataSet>> dataSetsByPath() {
        Map<String, List<DataSet>> byPath = new HashMap<>();
        for (DataSet set : dataSets) {
            byPath.computeIfAbsent(set.path(), p -> new ArrayList<>()).add(set);
        }
        return byPath;
    }

    /** Sequential prefixes that clients tried to create under. */
    Set<String> sequentialPrefixes() {
        return new HashSet<>(sequentialAttempts.keySet());
    }

    /** Paths setData was attempted on. */
    Set<String> setPaths() {
        return new HashSet<>(setAttempts.keySet());
    }
}
