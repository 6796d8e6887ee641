package zoolog.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The servers of one target in a run: a standalone server (one member) or an ensemble of N members
 * on 127.0.0.1, each a separate process with its own zoo.cfg, {@code myid}, fresh data directories and
 * log file. The same launcher serves Apache ZooKeeper and Zoolog, since both read the same zoo.cfg
 * ({@code server.N} lines, {@code initLimit}, {@code syncLimit}, {@code <dataDir>/myid}) and answer
 * {@code srvr} with {@code Mode: leader|follower}. {@link #awaitHealthy} is the readiness test: a
 * standalone server answers {@code ruok} and {@code srvr}; an ensemble has every member answering
 * {@code srvr} as leader or follower with exactly one leader. Owned by the runner's main thread;
 * {@link #destroy} may also run on the JVM shutdown hook, which is why the processes sit in an atomic array.
 */
public final class Ensemble implements AutoCloseable {

    /** The most members an ensemble may have; more would only measure how many JVMs the machine holds. */
    public static final int MEMBERS_MAX = 9;
    static final String LEADER = "leader";
    static final String FOLLOWER = "follower";
    private static final long PROBE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One member's fixed parts: its id (1-based, as in {@code server.N}), ports, config and log file. */
    private record Member(int id, int clientPort, Path zooCfg, Path logFile) {
    }

    private final String system;
    private final ServerLaunch launch;
    private final Path dataDir;
    private final List<Member> members;
    private final AtomicReferenceArray<ServerProcess> processes;

    private Ensemble(String system, ServerLaunch launch, Path dataDir, List<Member> members) {
        this.system = system;
        this.launch = launch;
        this.dataDir = dataDir;
        this.members = List.copyOf(members);
        this.processes = new AtomicReferenceArray<>(members.size());
    }

    /**
     * Writes every member's zoo.cfg into {@code runDir} and creates its data directories (and
     * {@code myid}) in a fresh directory under {@code dataRoot}; starts nothing yet.
     *
     * @param system      the file-name prefix, e.g. {@code apache-zookeeper}
     * @param size        1 for a standalone server, else the number of ensemble members
     * @param targetIndex which block of {@code ports} this target uses
     * @param sessions    client sessions the run opens, for {@code maxClientCnxns}
     */
    public static Ensemble create(String system, ServerLaunch launch, int size, PortPlan ports, int targetIndex,
            int sessions, Path runDir, Path dataRoot) throws IOException {
        if (size < 1 || size > MEMBERS_MAX) {
            throw new IllegalArgumentException("an ensemble has 1 to " + MEMBERS_MAX + " members, not " + size);
        }
        Path dataDir = Files.createTempDirectory(dataRoot, "zoolog-bench-" + system + "-");
        List<ZooCfg.Peer> peers = new ArrayList<>();
        for (int m = 0; size > 1 && m < size; m++) {
            PortPlan.MemberPorts memberPorts = ports.member(targetIndex, m);
            peers.add(new ZooCfg.Peer(m + 1, memberPorts.quorumPort(), memberPorts.electionPort()));
        }
        List<Member> members = new ArrayList<>();
        for (int m = 0; m < size; m++) {
            int id = m + 1;
            String suffix = size == 1 ? "" : "-" + id;
            Path memberDir = size == 1 ? dataDir : dataDir.resolve("server" + suffix);
            Files.createDirectories(memberDir.resolve("data"));
            Files.createDirectories(memberDir.resolve("datalog"));
            if (size > 1) {
                Files.writeString(memberDir.resolve("data").resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
            }
            int clientPort = ports.member(targetIndex, m).clientPort();
            Path zooCfg = runDir.resolve(system + suffix + ".zoo.cfg");
            ZooCfg.forMember(memberDir.resolve("data"), memberDir.resolve("datalog"), clientPort, sessions, peers)
                    .writeTo(zooCfg);
            members.add(new Member(id, clientPort, zooCfg, runDir.resolve(system + "-server" + suffix + ".log")));
        }
        return new Ensemble(system, launch, dataDir, members);
    }

    /** Starts every member with a fresh log file. */
    public void startAll() throws IOException {
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            processes.set(m, ServerProcess.start(launch, member.zooCfg(), member.clientPort(), member.logFile()));
        }
    }

    public String system() {
        return system;
    }

    /** The {@code server.N} id of the member at {@code index}. */
    public int memberId(int index) {
        return members.get(index).id();
    }

    /** {@code 127.0.0.1:port,...} with every member, as a client of the ensemble is configured. */
    public String connectString() {
        return members.stream().map(member -> "127.0.0.1:" + member.clientPort()).collect(Collectors.joining(","));
    }

    /** The pids of the members' current processes, for CPU accounting. */
    public List<Long> pids() {
        return IntStream.range(0, members.size()).mapToObj(m -> processes.get(m).pid()).toList();
    }

    public boolean allAlive() {
        return IntStream.range(0, members.size()).allMatch(m -> processes.get(m).isAlive());
    }

    /**
     * Waits until the servers serve: see the class comment. Gives up early if a member exits.
     *
     * @return the version line of {@code srvr} (the leader's, for an ensemble), or empty on timeout or exit
     */
    public Optional<String> awaitHealthy(long timeoutMillis) {
        if (members.size() == 1) {
            return processes.get(0).awaitReady(timeoutMillis);
        }
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadlineNanos && allAlive()) {
            List<String> answers = new ArrayList<>();
            for (int m = 0; m < members.size(); m++) {
                processes.get(m).srvr().ifPresent(answers::add);
            }
            Optional<String> leaderVersion = healthyEnsembleVersion(answers, members.size());
            if (leaderVersion.isPresent()) {
                return leaderVersion;
            }
            LockSupport.parkNanos(PROBE_INTERVAL_NANOS);
        }
        return Optional.empty();
    }

    /**
     * The leader's version line if {@code srvrAnswers} come from all {@code size} members, each serving
     * as leader or follower, with exactly one leader; empty otherwise.
     */
    static Optional<String> healthyEnsembleVersion(List<String> srvrAnswers, int size) {
        if (srvrAnswers.size() != size) {
            return Optional.empty();
        }
        List<String> leaders = new ArrayList<>();
        for (String answer : srvrAnswers) {
            Optional<String> mode = ServerProcess.modeOf(answer);
            if (ServerProcess.versionLineIfServing(answer).isEmpty() || mode.isEmpty()
                    || !(mode.get().equals(LEADER) || mode.get().equals(FOLLOWER))) {
                return Optional.empty();
            }
            if (mode.get().equals(LEADER)) {
                leaders.add(answer);
            }
        }
        return leaders.size() == 1 ? ServerProcess.versionLineIfServing(leaders.get(0)) : Optional.empty();
    }

    /** The index of the member that answers {@code srvr} as leader, if one does. */
    public OptionalInt leaderIndex() {
        for (int m = 0; m < members.size(); m++) {
            ServerProcess process = processes.get(m);
            if (process.isAlive() && process.srvr().flatMap(ServerProcess::modeOf).filter(LEADER::equals).isPresent()) {
                return OptionalInt.of(m);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Sends SIGKILL to the member at {@code index} and returns at once; {@link #awaitExit} waits for it to go.
     *
     * @return {@link System#nanoTime} right after the signal was sent: from then on the member runs no
     *         more of its code, so no write issued later can have been accepted by it
     */
    public long killMember(int index) {
        processes.get(index).sendKill();
        return System.nanoTime();
    }

    /** Waits for the member at {@code index} to exit; true if it did within the stop timeout. */
    public boolean awaitExit(int index) throws InterruptedException {
        return processes.get(index).awaitExit();
    }

    /** Starts the member at {@code index} again on its old configuration and data, appending to its log. */
    public void restartMember(int index) throws IOException {
        Member member = members.get(index);
        processes.set(index, ServerProcess.restart(launch, member.zooCfg(), member.clientPort(), member.logFile()));
    }

    /** The last log lines of every member that has exited, or of all members if none has. */
    public String logTails() {
        List<Integer> dead = IntStream.range(0, members.size()).filter(m -> !processes.get(m).isAlive()).boxed().toList();
        List<Integer> shown = dead.isEmpty() ? IntStream.range(0, members.size()).boxed().toList() : dead;
        StringBuilder out = new StringBuilder();
        for (int m : shown) {
            out.append("-- ").append(members.get(m).logFile()).append(processes.get(m).isAlive() ? "" : " (exited)")
                    .append('\n').append(processes.get(m).logTail()).append('\n');
        }
        return out.toString();
    }

    /** SIGTERM to every member at once, then SIGKILL to any still running after the stop timeout. */
    public void stop() throws InterruptedException {
        for (int m = 0; m < members.size(); m++) {
            ServerProcess process = processes.get(m);
            if (process != null) {
                process.sendTerminate();
            }
        }
        for (int m = 0; m < members.size(); m++) {
            ServerProcess process = processes.get(m);
            if (process != null && !process.awaitExit()) {
                process.kill();
            }
        }
    }

    /** Stops every member and deletes the data directories. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        deleteRecursively(dataDir);
    }

    /** For the shutdown hook: SIGKILL to every member, then the data directories go. */
    public void destroy() throws IOException, InterruptedException {
        for (int m = 0; m < members.size(); m++) {
            ServerProcess process = processes.get(m);
            if (process != null) {
                process.kill();
            }
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
