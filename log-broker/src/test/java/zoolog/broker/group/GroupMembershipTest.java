package zoolog.broker.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zoolog.broker.group.CoordinatorHarness.GROUP;
import static zoolog.broker.group.CoordinatorHarness.REBALANCE_MS;
import static zoolog.broker.group.CoordinatorHarness.SESSION_MS;
import static zoolog.broker.group.CoordinatorHarness.protocols;
import static zoolog.broker.group.CoordinatorHarness.settings;

import java.util.List;
import org.junit.jupiter.api.Test;
import zoolog.broker.group.CoordinatorHarness.Reply;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.SyncGroup;

class GroupMembershipTest {

    private static final short V3 = 3;
    private static final short V4 = 4;
    private static final short V5 = 5;

    private final CoordinatorHarness h = new CoordinatorHarness(settings(3000));

    /** v4+: the first join gets MEMBER_ID_REQUIRED and an id, the second (with it) joins. */
    private Reply<JoinGroup.Response> joinV4() {
        JoinGroup.Response first = h.join("", V4).get();
        assertEquals(KafkaError.MEMBER_ID_REQUIRED.code(), first.errorCode());
        assertTrue(first.memberId().startsWith("client-"), first.memberId());
        return h.join(first.memberId(), V4);
    }

    private static List<SyncGroup.Assignment> assign(JoinGroup.Response leaderJoin) {
        return leaderJoin.members().stream()
                .map(m -> new SyncGroup.Assignment(m.memberId(), (leaderJoin.generationId() + ":" + m.memberId()).getBytes()))
                .toList();
    }

    @Test
    void oneMemberJoinsAfterTheInitialDelayAndSyncsItsOwnAssignment() {
        Reply<JoinGroup.Response> join = h.join("", V3);
        assertFalse(join.answered(), "parked for the initial rebalance delay");
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP));
        h.advance(2999);
        assertFalse(join.answered());
        h.advance(1);
        JoinGroup.Response joined = join.get();
        assertEquals(KafkaError.NONE.code(), joined.errorCode());
        assertEquals(1, joined.generationId());
        assertEquals("range", joined.protocolName());
        assertEquals(joined.memberId(), joined.leader());
        assertEquals(1, joined.members().size());
        assertArrayEquals("meta-range".getBytes(), joined.members().get(0).metadata());
        assertEquals(GroupState.COMPLETING_REBALANCE, h.core.state(GROUP));

        SyncGroup.Response synced = h.sync(joined.memberId(), 1, assign(joined)).get();
        assertEquals(KafkaError.NONE.code(), synced.errorCode());
        assertArrayEquals(("1:" + joined.memberId()).getBytes(), synced.assignment());
        assertEquals(GroupState.STABLE, h.core.state(GROUP));
        assertEquals(KafkaError.NONE.code(), h.heartbeat(joined.memberId(), null, 1));
    }

    @Test
    void memberIdsAreReproducibleUnderTheSameSeed() {
        String first = h.join("", V4).get().memberId();
        String again = new CoordinatorHarness(settings(3000)).join("", V4).get().memberId();
        assertEquals(first, again);
    }

    @Test
    void twoMembersGetOneLeaderAndTheirOwnAssignments() {
        Reply<JoinGroup.Response> a = joinV4();
        Reply<JoinGroup.Response> b = joinV4();
        h.advance(3000);
        h.advance(3000);
        JoinGroup.Response ja = a.get();
        JoinGroup.Response jb = b.get();
        assertEquals(ja.generationId(), jb.generationId());
        assertEquals(ja.leader(), jb.leader());
        assertEquals(ja.memberId(), ja.leader(), "the first member leads");
        assertEquals(2, ja.members().size());
        assertEquals(List.of(), jb.members(), "followers get no member list");

        Reply<SyncGroup.Response> followerSync = h.sync(jb.memberId(), jb.generationId(), List.of());
        assertFalse(followerSync.answered(), "a follower waits for the leader");
        SyncGroup.Response leaderSync = h.sync(ja.memberId(), ja.generationId(), assign(ja)).get();
        assertArrayEquals((ja.generationId() + ":" + ja.memberId()).getBytes(), leaderSync.assignment());
        assertArrayEquals((jb.generationId() + ":" + jb.memberId()).getBytes(), followerSync.get().assignment());
        assertEquals(GroupState.STABLE, h.core.state(GROUP));
    }

    /** Brings the group to Stable with one v3 member; returns its join response. */
    private JoinGroup.Response stableWithOneMember() {
        Reply<JoinGroup.Response> join = h.join("", V3);
        h.advance(3000);
        JoinGroup.Response joined = join.get();
        h.sync(joined.memberId(), joined.generationId(), assign(joined)).get();
        return joined;
    }

    @Test
    void aSecondMemberTriggersARebalanceThatTheFirstLearnsByHeartbeat() {
        JoinGroup.Response a = stableWithOneMember();
        Reply<JoinGroup.Response> b = h.join("", V3);
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP));
        assertEquals(KafkaError.REBALANCE_IN_PROGRESS.code(), h.heartbeat(a.memberId(), null, 1));
        assertEquals(KafkaError.REBALANCE_IN_PROGRESS.code(), h.sync(a.memberId(), 1, List.of()).get().errorCode());
        Reply<JoinGroup.Response> aAgain = h.join(a.memberId(), V3);
        // Everyone rejoined: no need to wait for the rebalance timeout.
        assertEquals(2, aAgain.get().generationId());
        assertEquals(2, b.get().generationId());
        assertEquals(a.memberId(), aAgain.get().leader());
        assertEquals(KafkaError.ILLEGAL_GENERATION.code(), h.heartbeat(a.memberId(), null, 1));
    }

    @Test
    void aMemberThatDoesNotRejoinIsDroppedAtTheRebalanceTimeout() {
        JoinGroup.Response a = stableWithOneMember();
        Reply<JoinGroup.Response> b = h.join("", V3);
        // a keeps heartbeating (and is told to rejoin) but never sends JoinGroup.
        for (int elapsed = 0; elapsed < REBALANCE_MS; elapsed += SESSION_MS / 2) {
            assertFalse(b.answered());
            assertEquals(KafkaError.REBALANCE_IN_PROGRESS.code(), h.heartbeat(a.memberId(), null, 1));
            h.advance(SESSION_MS / 2);
        }
        JoinGroup.Response jb = b.get();
        assertEquals(jb.memberId(), jb.leader(), "the only member that rejoined leads");
        assertEquals(java.util.Set.of(jb.memberId()), h.core.memberIds(GROUP));
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), h.heartbeat(a.memberId(), null, 1));
    }

    @Test
    void leavingTriggersARebalanceAndTheLastLeaveEmptiesTheGroup() {
        Reply<JoinGroup.Response> a = h.join("", V3);
        Reply<JoinGroup.Response> b = h.join("", V3);
        h.advance(3000);
        h.advance(3000);
        JoinGroup.Response ja = a.get();
        JoinGroup.Response jb = b.get();
        h.sync(ja.memberId(), 1, assign(ja));
        h.sync(jb.memberId(), 1, List.of());
        assertEquals(GroupState.STABLE, h.core.state(GROUP));

        assertEquals(KafkaError.NONE.code(), h.leave(ja.memberId()));
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP));
        JoinGroup.Response rejoined = h.join(jb.memberId(), V3).get();
        assertEquals(2, rejoined.generationId());
        assertEquals(jb.memberId(), rejoined.leader(), "leadership moves to a member that rejoined");

        assertEquals(KafkaError.NONE.code(), h.leave(jb.memberId()));
        assertEquals(GroupState.EMPTY, h.core.state(GROUP));
        assertEquals(3, h.core.generationId(GROUP));
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), h.leave(jb.memberId()));
        h.advance(1);
        assertEquals(GroupState.DEAD, h.core.state(GROUP), "an empty group without offsets is forgotten");
    }

    @Test
    void anExpiredSessionRemovesTheMemberAndRebalances() {
        Reply<JoinGroup.Response> a = h.join("", V3);
        Reply<JoinGroup.Response> b = h.join("", V3);
        h.advance(3000);
        h.advance(3000);
        JoinGroup.Response ja = a.get();
        JoinGroup.Response jb = b.get();
        h.sync(ja.memberId(), 1, assign(ja));
        h.sync(jb.memberId(), 1, List.of());
        h.advance(SESSION_MS / 2);
        assertEquals(KafkaError.NONE.code(), h.heartbeat(jb.memberId(), null, 1));
        h.advance(SESSION_MS / 2);
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP), "a expired, b kept heartbeating");
        assertEquals(java.util.Set.of(jb.memberId()), h.core.memberIds(GROUP));
        assertEquals(KafkaError.REBALANCE_IN_PROGRESS.code(), h.heartbeat(jb.memberId(), null, 1));
    }

    @Test
    void theInitialDelayIsExtendedWhileMembersKeepArrivingUpToTheRebalanceTimeout() {
        CoordinatorHarness g = new CoordinatorHarness(settings(3000));
        Reply<JoinGroup.Response> first = g.join("", V3);
        g.advance(2000);
        Reply<JoinGroup.Response> second = g.join("", V3);
        g.advance(1000);
        assertFalse(first.answered(), "a member arrived during the delay: wait another delay");
        g.advance(2999);
        assertFalse(first.answered());
        g.advance(1);
        assertTrue(first.answered() && second.answered());
        assertEquals(2, first.get().members().size());
        assertEquals(1, first.get().generationId());
    }

    @Test
    void theInitialDelayExtensionsStopAtTheRebalanceTimeout() {
        CoordinatorHarness g = new CoordinatorHarness(settings(3000));
        List<Reply<JoinGroup.Response>> joins = new java.util.ArrayList<>();
        long startMillis = g.nowMillis;
        // Members keep arriving every second; the first generation still starts after REBALANCE_MS.
        while (joins.isEmpty() || !joins.get(0).answered()) {
            joins.add(g.join("", V3));
            g.advance(1000);
        }
        assertEquals(REBALANCE_MS, g.nowMillis - startMillis);
    }

    @Test
    void joinErrors() {
        JoinGroup.Request noGroup = new JoinGroup.Request("", SESSION_MS, REBALANCE_MS, "", null, "consumer",
                protocols("range"));
        Reply<JoinGroup.Response> r = new Reply<>();
        h.core.onJoin(noGroup, V3, "c", "h", h.nowMillis, r::accept);
        assertEquals(KafkaError.INVALID_GROUP_ID.code(), r.get().errorCode());

        Reply<JoinGroup.Response> shortSession = new Reply<>();
        h.core.onJoin(new JoinGroup.Request(GROUP, 10, REBALANCE_MS, "", null, "consumer", protocols("range")), V3,
                "c", "h", h.nowMillis, shortSession::accept);
        assertEquals(KafkaError.INVALID_SESSION_TIMEOUT.code(), shortSession.get().errorCode());

        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), h.join("nobody", V3).get().errorCode());

        h.join("", null, V3, protocols("range"));
        assertEquals(KafkaError.INCONSISTENT_GROUP_PROTOCOL.code(),
                h.join("", null, V3, protocols("roundrobin")).get().errorCode());
    }

    @Test
    void theProtocolIsTheOneEveryMemberSupportsWithTheMostVotes() {
        Reply<JoinGroup.Response> a = h.join("", null, V3, protocols("range", "roundrobin"));
        Reply<JoinGroup.Response> b = h.join("", null, V3, protocols("roundrobin", "range"));
        Reply<JoinGroup.Response> c = h.join("", null, V3, protocols("sticky", "roundrobin"));
        h.advance(3000);
        h.advance(3000);
        assertEquals("roundrobin", a.get().protocolName());
        assertEquals("roundrobin", c.get().protocolName());
        assertArrayEquals("meta-roundrobin".getBytes(), a.get().members().get(2).metadata());
        assertTrue(b.answered());
    }

    @Test
    void aRestartedStaticMemberGetsItsAssignmentBackWithoutARebalance() {
        Reply<JoinGroup.Response> a = h.join("", "instance-a", V5, protocols("range"));
        Reply<JoinGroup.Response> b = h.join("", "instance-b", V5, protocols("range"));
        h.advance(3000);
        h.advance(3000);
        JoinGroup.Response ja = a.get();
        JoinGroup.Response jb = b.get();
        assertTrue(ja.memberId().startsWith("instance-a-"), ja.memberId());
        h.sync(ja.memberId(), "instance-a", 1, assign(ja));
        h.sync(jb.memberId(), "instance-b", 1, List.of());

        // instance-b restarts: it forgot its member id but keeps its instance id.
        h.advance(SESSION_MS / 2);
        h.heartbeat(ja.memberId(), "instance-a", 1);
        JoinGroup.Response rejoined = h.join("", "instance-b", V5, protocols("range")).get();
        assertEquals(KafkaError.NONE.code(), rejoined.errorCode());
        assertNotEquals(jb.memberId(), rejoined.memberId());
        assertEquals(1, rejoined.generationId(), "no new generation");
        assertEquals(ja.memberId(), rejoined.leader());
        assertEquals(GroupState.STABLE, h.core.state(GROUP));
        SyncGroup.Response synced = h.sync(rejoined.memberId(), "instance-b", 1, List.of()).get();
        assertArrayEquals(("1:" + jb.memberId()).getBytes(), synced.assignment(), "the old assignment");
        assertEquals(KafkaError.NONE.code(), h.heartbeat(ja.memberId(), "instance-a", 1), "the leader is undisturbed");

        // The old incarnation is fenced everywhere.
        assertEquals(KafkaError.FENCED_INSTANCE_ID.code(), h.heartbeat(jb.memberId(), "instance-b", 1));
        assertEquals(KafkaError.FENCED_INSTANCE_ID.code(),
                h.sync(jb.memberId(), "instance-b", 1, List.of()).get().errorCode());
        Reply<zoolog.protocol.kafka.OffsetCommit.Response> commit = new Reply<>();
        h.core.onCommitOffsets(new zoolog.protocol.kafka.OffsetCommit.Request(GROUP, 1, jb.memberId(), "instance-b",
                -1, List.of(new zoolog.protocol.kafka.OffsetCommit.RequestTopic("t", List.of(
                        new zoolog.protocol.kafka.OffsetCommit.RequestPartition(0, 5, -1, -1, null))))),
                (short) 7, h.nowMillis, commit::accept);
        assertEquals(KafkaError.FENCED_INSTANCE_ID.code(), CoordinatorHarness.commitError(commit.get()));
    }

    @Test
    void aStaticMemberThatMissesARebalanceKeepsItsPlaceUntilItsSessionEnds() {
        Reply<JoinGroup.Response> a = h.join("", "instance-a", V5, protocols("range"));
        Reply<JoinGroup.Response> b = h.join("", "instance-b", V5, protocols("range"));
        h.advance(3000);
        h.advance(3000);
        JoinGroup.Response ja = a.get();
        JoinGroup.Response jb = b.get();
        h.sync(ja.memberId(), "instance-a", 1, assign(ja));
        h.sync(jb.memberId(), "instance-b", 1, List.of());
        // The leader rejoins (forcing a rebalance); b does not, but as a static member it stays.
        Reply<JoinGroup.Response> aAgain = h.join(ja.memberId(), "instance-a", V5, protocols("range"));
        for (int elapsed = 0; elapsed < REBALANCE_MS; elapsed += SESSION_MS / 2) {
            h.heartbeat(jb.memberId(), "instance-b", 1);
            h.advance(SESSION_MS / 2);
        }
        JoinGroup.Response second = aAgain.get();
        assertEquals(2, second.generationId());
        assertEquals(2, second.members().size(), "b is still listed for assignment");
        h.sync(ja.memberId(), "instance-a", 2, assign(second)).get();
        for (int i = 0; i < 2; i++) {
            h.advance(SESSION_MS / 2);
            h.heartbeat(ja.memberId(), "instance-a", 2);
        }
        assertEquals(java.util.Set.of(ja.memberId()), h.core.memberIds(GROUP), "b's session ended");
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP));
    }

    @Test
    void memberIdRequiredIdsExpireIfNeverUsed() {
        String pending = h.join("", V4).get().memberId();
        h.advance(SESSION_MS);
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), h.join(pending, V4).get().errorCode());
    }

    @Test
    void syncErrors() {
        JoinGroup.Response a = stableWithOneMember();
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), h.sync("nobody", 1, List.of()).get().errorCode());
        assertEquals(KafkaError.ILLEGAL_GENERATION.code(), h.sync(a.memberId(), 7, List.of()).get().errorCode());
        assertEquals(KafkaError.NONE.code(), h.sync(a.memberId(), 1, List.of()).get().errorCode());
    }
}
