package zoolog.coord.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * N coordination servers as separate JVMs forming one ensemble on loopback: each gets its own
 * directory, {@code myid} and client port, and every zoo.cfg lists all members' quorum and
 * election ports. Roles are read the way an operator reads them, from {@code srvr}'s Mode line.
 * Driven from the JUnit thread only.
 */
final class EnsembleProcesses implements AutoCloseable {

    /** How long an election plus synchronisation may take before a test gives up. */
    static final long SETTLE_WAIT_SECONDS_MAX = 60;
    private static final long POLL_MILLIS = 50;

    final List<ServerProcess> members = new ArrayList<>();

    private EnsembleProcesses() {}

    /** Configures {@code size} members under {@code root} (ids 1..size); nothing starts yet. */
    static EnsembleProcesses configure(Path root, int size, List<String> extraLines) throws IOException {
        List<String> serverLines = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            serverLines.add("server." + id + "=127.0.0.1:" + ServerProcess.freePort() + ":" + ServerProcess.freePort());
        }
        EnsembleProcesses ensemble = new EnsembleProcesses();
        for (int id = 1; id <= size; id++) {
            Path dir = root.resolve("member" + id);
            List<String> lines = new ArrayList<>(List.of("tickTime=200", "initLimit=20", "syncLimit=5"));
            lines.addAll(serverLines);
            lines.addAll(extraLines);
            ServerProcess member = ServerProcess.configure(dir, lines);
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("data").resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
            ensemble.members.add(member);
        }
        return ensemble;
    }

    void startAll() throws IOException, InterruptedException {
        for (ServerProcess member : members) {
            member.start();
        }
    }

    ServerProcess member(int id) {
        return members.get(id - 1);
    }

    /** Every member's client address, as a client that may use any of them is given. */
    String connectString() {
        return members.stream().map(ServerProcess::connectString).collect(Collectors.joining(","));
    }

    /** {@code srvr}'s Mode line of a member, or "" when it does not serve (no leader, or down). */
    static String mode(ServerProcess member) {
        if (!member.isAlive()) {
            return "";
        }
        try {
            String srvr = ProcessLifecycleIT.fourLetterWord(member.clientPort(), "srvr");
            return srvr.lines().filter(line -> line.startsWith("Mode: ")).map(line -> line.substring(6))
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits until every running member serves: one leader, the rest followers (or observers),
     * and returns the leader.
     */
    ServerProcess awaitLeader() throws InterruptedException {
        return awaitLeaderAmong(members);
    }

    /** As {@link #awaitLeader()}, looking only at {@code subset} (the others may be paused). */
    ServerProcess awaitLeaderAmong(List<ServerProcess> subset) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_WAIT_SECONDS_MAX);
        while (true) {
            List<String> modes = new ArrayList<>();
            ServerProcess leader = null;
            int leaders = 0;
            boolean allServing = true;
            for (ServerProcess member : subset) {
                if (!member.isAlive()) {
                    modes.add("down");
                    continue;
                }
                String mode = mode(member);
                modes.add(mode.isEmpty() ? "not serving" : mode);
                allServing &= !mode.isEmpty();
                if (mode.equals("leader")) {
                    leaders++;
                    leader = member;
                }
            }
            if (allServing && leaders == 1) {
                return leader;
            }
            if (System.nanoTime() > deadline) {
                fail("the ensemble did not settle within " + SETTLE_WAIT_SECONDS_MAX + " s; modes " + modes);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    /** Waits until {@code member} answers srvr but is not serving: it lost its leader or quorum. */
    static void awaitNotServing(ServerProcess member) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_WAIT_SECONDS_MAX);
        while (!mode(member).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the member kept serving without a quorum for " + SETTLE_WAIT_SECONDS_MAX + " s");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess member : members) {
            member.close();
        }
    }
}
