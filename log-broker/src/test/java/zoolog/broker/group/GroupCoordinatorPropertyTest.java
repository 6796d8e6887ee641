package zoolog.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import zoolog.protocol.kafka.Heartbeat;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.LeaveGroup;
import zoolog.protocol.kafka.SyncGroup;

/**
 * Random schedules of joins, syncs, heartbeats, leaves, client restarts and passing time against
 * the pure coordinator, with four simulated clients (two static, two dynamic). After every reply
 * two safety properties of the classic protocol are checked: within one generation every member
 * that is told who leads hears the same client, and only that client gets the member list; and no
 * two clients receive the same assignment in one generation.
 */
class GroupCoordinatorPropertyTest {

    private static final int CLIENTS = 4;
    private static final int STATIC_CLIENTS = 2;
    private static final int SESSION_MS = 10_000;
    private static final int REBALANCE_MS = 30_000;

    enum Kind { JOIN, SYNC, HEARTBEAT, LEAVE, RESTART, TICK }

    record Action(Kind kind, int client, int tickMs) {}

    @Provide
    Arbitrary<List<Action>> schedules() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, CLIENTS - 1),
                        Arbitraries.of(100, 1000, 3000, 6000, 12_000))
                .as(Action::new).list().ofMaxSize(200);
    }

    /** What one simulated consumer knows; a restart starts a new incarnation that forgets everything. */
    private static final class Client {
        final int index;
        final String instanceId;
        int incarnation;
        String memberId = "";
        int generation = -1;
        boolean joining;
        boolean syncing;
        List<JoinGroup.Member> leaderMembers = List.of();
        int leaderGeneration = -1;

        Client(int index) {
            this.index = index;
            this.instanceId = index < STATIC_CLIENTS ? "instance-" + index : null;
        }

        void forget() {
            incarnation++;
            memberId = "";
            generation = -1;
            joining = false;
            syncing = false;
            leaderMembers = List.of();
        }
    }

    private final Map<String, Integer> leaderClientOfGeneration = new HashMap<>();
    private final Map<String, Set<Integer>> memberListClientsOfGeneration = new HashMap<>();
    private final Map<String, Map<String, Integer>> assignmentClientOfGeneration = new HashMap<>();

    /**
     * Bumped when the coordinator forgets the group (Empty, no offsets): a recreated group counts
     * generations from zero again, so generations are compared within one incarnation only.
     */
    private int groupIncarnation;

    private String generationKey(int generation) {
        return groupIncarnation + "/" + generation;
    }

    @Property(tries = 300)
    void leadersAndAssignmentsStayConsistentWithinAGeneration(@ForAll("schedules") List<Action> schedule) {
        leaderClientOfGeneration.clear();
        memberListClientsOfGeneration.clear();
        assignmentClientOfGeneration.clear();
        groupIncarnation = 0;
        GroupCoordinator core = new GroupCoordinator(new GroupSettings(3000, 1000, 60_000, Integer.MAX_VALUE),
                new SplittableRandom(7), changes -> true, Map.of());
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client(i));
        }
        long nowMillis = 0;
        for (Action action : schedule) {
            Client c = clients.get(action.client());
            switch (action.kind()) {
                case JOIN -> join(core, c, nowMillis);
                case SYNC -> sync(core, c, nowMillis);
                case HEARTBEAT -> {
                    if (!c.memberId.isEmpty()) {
                        core.onHeartbeat(new Heartbeat.Request("g", c.generation, c.memberId, c.instanceId),
                                (short) 3, nowMillis, r -> onHeartbeat(c, r));
                    }
                }
                case LEAVE -> {
                    if (!c.memberId.isEmpty()) {
                        core.onLeave(new LeaveGroup.Request("g", c.memberId), (short) 1, nowMillis, r -> { });
                        c.forget();
                    }
                }
                case RESTART -> c.forget();
                case TICK -> {
                    nowMillis += action.tickMs();
                    core.onTick(nowMillis);
                }
            }
            if (core.state("g") == GroupState.DEAD) {
                groupIncarnation++;
            }
        }
    }

    /** Member ids are "client-N-uuid" or "instance-N-uuid": the client is in the id itself. */
    private static int clientOf(String memberId) {
        String[] parts = memberId.split("-", 3);
        return Integer.parseInt(parts[1]);
    }

    private void join(GroupCoordinator core, Client c, long nowMillis) {
        if (c.joining) {
            return;
        }
        c.joining = true;
        int incarnation = c.incarnation;
        core.onJoin(new JoinGroup.Request("g", SESSION_MS, REBALANCE_MS, c.memberId, c.instanceId, "consumer",
                List.of(new JoinGroup.Protocol("range", new byte[] {1}))), (short) 5, "client-" + c.index, "/h",
                nowMillis, r -> onJoined(c, incarnation, r));
    }

    private void onJoined(Client c, int incarnation, JoinGroup.Response r) {
        if (r.errorCode() == KafkaError.NONE.code()) {
            assertEquals(c.index, clientOf(r.memberId()), "a member id of another client");
            int leaderClient = clientOf(r.leader());
            Integer earlier = leaderClientOfGeneration.putIfAbsent(generationKey(r.generationId()), leaderClient);
            if (earlier != null) {
                assertEquals(earlier, leaderClient, "generation " + r.generationId() + " has two leaders");
            }
            if (!r.members().isEmpty()) {
                Set<Integer> listed = memberListClientsOfGeneration.computeIfAbsent(generationKey(r.generationId()),
                        g -> new HashSet<>());
                listed.add(c.index);
                assertEquals(1, listed.size(), "several clients got the member list in generation " + r.generationId());
                assertEquals(leaderClient, c.index, "a follower got the member list");
            }
        }
        if (incarnation != c.incarnation) {
            return;
        }
        c.joining = false;
        if (r.errorCode() == KafkaError.NONE.code()) {
            c.memberId = r.memberId();
            c.generation = r.generationId();
            if (!r.members().isEmpty()) {
                c.leaderMembers = r.members();
                c.leaderGeneration = r.generationId();
            }
        } else if (r.errorCode() == KafkaError.MEMBER_ID_REQUIRED.code()) {
            c.memberId = r.memberId();
        } else if (r.errorCode() != KafkaError.REBALANCE_IN_PROGRESS.code()) {
            c.forget();
        }
    }

    private void sync(GroupCoordinator core, Client c, long nowMillis) {
        if (c.memberId.isEmpty() || c.generation < 0 || c.syncing) {
            return;
        }
        List<SyncGroup.Assignment> assignments = c.leaderGeneration == c.generation
                ? c.leaderMembers.stream().map(m -> new SyncGroup.Assignment(m.memberId(),
                        (c.generation + ":" + m.memberId()).getBytes(StandardCharsets.UTF_8))).toList()
                : List.of();
        c.syncing = true;
        int incarnation = c.incarnation;
        int generation = c.generation;
        core.onSync(new SyncGroup.Request("g", c.generation, c.memberId, c.instanceId, assignments), (short) 3,
                nowMillis, r -> onSynced(c, incarnation, generation, r));
    }

    private void onSynced(Client c, int incarnation, int generation, SyncGroup.Response r) {
        if (r.errorCode() == KafkaError.NONE.code() && r.assignment().length > 0) {
            String assignment = new String(r.assignment(), StandardCharsets.UTF_8);
            assertEquals(String.valueOf(generation), assignment.substring(0, assignment.indexOf(':')),
                    "an assignment from another generation");
            Integer earlier = assignmentClientOfGeneration.computeIfAbsent(generationKey(generation), g -> new HashMap<>())
                    .putIfAbsent(assignment, c.index);
            if (earlier != null) {
                assertEquals(earlier, c.index, "two clients got " + assignment);
            }
        }
        if (incarnation != c.incarnation) {
            return;
        }
        c.syncing = false;
        if (r.errorCode() != KafkaError.NONE.code() && r.errorCode() != KafkaError.REBALANCE_IN_PROGRESS.code()) {
            c.forget();
        }
    }

    private static void onHeartbeat(Client c, Heartbeat.Response r) {
        if (r.errorCode() == KafkaError.UNKNOWN_MEMBER_ID.code() || r.errorCode() == KafkaError.FENCED_INSTANCE_ID.code()) {
            c.forget();
        }
    }
}
