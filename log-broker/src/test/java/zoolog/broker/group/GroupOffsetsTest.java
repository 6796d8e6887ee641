package zoolog.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static zoolog.broker.group.CoordinatorHarness.GROUP;
import static zoolog.broker.group.CoordinatorHarness.commitError;
import static zoolog.broker.group.CoordinatorHarness.settings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zoolog.broker.group.CoordinatorHarness.Reply;
import zoolog.protocol.kafka.DescribeGroups;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.ListGroups;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;
import zoolog.protocol.kafka.SyncGroup;

class GroupOffsetsTest {

    private final CoordinatorHarness h = new CoordinatorHarness(settings(0));

    private OffsetFetch.ResponsePartition fetch(String topic, int partition) {
        return h.core.fetchOffsets(new OffsetFetch.Request(GROUP, List.of(
                new OffsetFetch.RequestTopic(topic, List.of(partition)))), (short) 5).topics().get(0).partitions().get(0);
    }

    @Test
    void standaloneCommitsWorkWhileTheGroupHasNoMembers() {
        assertEquals(KafkaError.NONE.code(), commitError(h.commit(-1, "", "t", 0, 42)));
        OffsetFetch.ResponsePartition p = fetch("t", 0);
        assertEquals(42, p.committedOffset());
        assertEquals(3, p.committedLeaderEpoch());
        assertEquals("m", p.metadata());
        assertEquals(new CommittedOffset(42, 3, "m", h.nowMillis), h.journal.get(new OffsetKey(GROUP, "t", 0)),
                "durable before the answer");
        assertEquals(-1, fetch("t", 1).committedOffset());
        assertEquals(-1, fetch("other", 0).committedLeaderEpoch());

        ListGroups.Response listed = h.core.listGroups(new ListGroups.Request(), (short) 2);
        assertEquals(List.of(new ListGroups.ListedGroup(GROUP, "")), listed.groups(), "an offsets-only group is listed");
        h.advance(1);
        assertEquals(GroupState.EMPTY, h.core.state(GROUP), "kept while it has offsets");
    }

    @Test
    void aCommitWithAGenerationForAnUnknownGroupIsRejected() {
        assertEquals(KafkaError.ILLEGAL_GENERATION.code(), commitError(h.commit(3, "m", "t", 0, 1)));
    }

    @Test
    void memberCommitsAreCheckedAgainstMemberAndGeneration() {
        Reply<JoinGroup.Response> join = h.join("", (short) 3);
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), commitError(h.commit(-1, "", "t", 0, 1)),
                "no standalone commits into a group with members");
        h.advance(1);
        JoinGroup.Response joined = join.get();
        String member = joined.memberId();
        assertEquals(KafkaError.REBALANCE_IN_PROGRESS.code(), commitError(h.commit(1, member, "t", 0, 1)),
                "joined but not synced");
        h.sync(member, 1, List.of(new SyncGroup.Assignment(member, new byte[] {1}))).get();
        assertEquals(KafkaError.ILLEGAL_GENERATION.code(), commitError(h.commit(0, member, "t", 0, 1)));
        assertEquals(KafkaError.UNKNOWN_MEMBER_ID.code(), commitError(h.commit(1, "stranger", "t", 0, 1)));
        assertEquals(KafkaError.NONE.code(), commitError(h.commit(1, member, "t", 0, 7)));
        assertEquals(7, fetch("t", 0).committedOffset());

        // During PreparingRebalance commits of the current generation are still accepted.
        h.join("", (short) 3);
        assertEquals(GroupState.PREPARING_REBALANCE, h.core.state(GROUP));
        assertEquals(KafkaError.NONE.code(), commitError(h.commit(1, member, "t", 0, 8)));
        assertEquals(8, fetch("t", 0).committedOffset());
    }

    @Test
    void aFailedStoreIsNotAcknowledgedNorRemembered() {
        h.journalFails = true;
        assertEquals(KafkaError.COORDINATOR_NOT_AVAILABLE.code(), commitError(h.commit(-1, "", "t", 0, 5)));
        assertEquals(-1, fetch("t", 0).committedOffset());
    }

    @Test
    void oversizedMetadataIsRejectedPerPartition() {
        String big = "x".repeat(GroupOffsetApis.OFFSET_METADATA_LENGTH_MAX + 1);
        Reply<OffsetCommit.Response> reply = new Reply<>();
        h.core.onCommitOffsets(new OffsetCommit.Request(GROUP, -1, "", null, -1, List.of(new OffsetCommit.RequestTopic(
                "t", List.of(new OffsetCommit.RequestPartition(0, 1, -1, -1, big),
                        new OffsetCommit.RequestPartition(1, 2, -1, -1, null))))), (short) 7, h.nowMillis,
                reply::accept);
        List<OffsetCommit.ResponsePartition> partitions = reply.get().topics().get(0).partitions();
        assertEquals(KafkaError.OFFSET_METADATA_TOO_LARGE.code(), partitions.get(0).errorCode());
        assertEquals(KafkaError.NONE.code(), partitions.get(1).errorCode());
        assertEquals("", fetch("t", 1).metadata());
    }

    @Test
    void fetchingAllOffsetsAndForgettingADeletedTopic() {
        h.commit(-1, "", "b", 1, 11);
        h.commit(-1, "", "a", 0, 10);
        h.commit(-1, "", "b", 0, 12);
        OffsetFetch.Response all = h.core.fetchOffsets(new OffsetFetch.Request(GROUP, null), (short) 5);
        assertEquals(List.of("a", "b"), all.topics().stream().map(OffsetFetch.ResponseTopic::name).toList());
        assertEquals(List.of(0, 1), all.topics().get(1).partitions().stream()
                .map(OffsetFetch.ResponsePartition::partitionIndex).toList());

        assertEquals(true, h.core.removeOffsetsOfTopic("b"));
        assertEquals(-1, fetch("b", 0).committedOffset());
        assertEquals(Map.of(new OffsetKey(GROUP, "a", 0), h.journal.get(new OffsetKey(GROUP, "a", 0))), h.journal);
        h.core.removeOffsetsOfTopic("a");
        h.advance(1);
        assertEquals(GroupState.DEAD, h.core.state(GROUP), "no members and no offsets: forgotten");
    }

    @Test
    void offsetsLoadedAtStartMakeTheGroupExist() {
        CoordinatorHarness loaded = new CoordinatorHarness(settings(0),
                Map.of(new OffsetKey("old", "t", 2), new CommittedOffset(99, -1, "", 5)));
        assertEquals(GroupState.EMPTY, loaded.core.state("old"));
        assertEquals(List.of(new ListGroups.ListedGroup("old", "")),
                loaded.core.listGroups(new ListGroups.Request(), (short) 0).groups());
    }

    @Test
    void describeShowsStateMembersAndOnlyWhenStableTheirAssignments() {
        Reply<JoinGroup.Response> join = h.join("", (short) 3);
        DescribeGroups.Request request = new DescribeGroups.Request(List.of(GROUP, "unknown"), true);
        DescribeGroups.DescribedGroup preparing = h.core.describeGroups(request, (short) 4).groups().get(0);
        assertEquals("PreparingRebalance", preparing.groupState());
        assertEquals("consumer", preparing.protocolType());
        assertEquals(0, preparing.members().get(0).memberAssignment().length);

        h.advance(1);
        String member = join.get().memberId();
        h.sync(member, 1, List.of(new SyncGroup.Assignment(member, new byte[] {9})));
        List<DescribeGroups.DescribedGroup> described = h.core.describeGroups(request, (short) 4).groups();
        DescribeGroups.DescribedGroup stable = described.get(0);
        assertEquals("Stable", stable.groupState());
        assertEquals("range", stable.protocolData());
        assertEquals("client", stable.members().get(0).clientId());
        assertEquals("/127.0.0.1", stable.members().get(0).clientHost());
        assertEquals(9, stable.members().get(0).memberAssignment()[0]);
        assertEquals(GroupOffsetApis.GROUP_AUTHORIZED_OPERATIONS, stable.authorizedOperations());
        assertEquals("Dead", described.get(1).groupState());
        assertEquals(KafkaError.NONE.code(), described.get(1).errorCode());
        assertEquals(List.of(new ListGroups.ListedGroup(GROUP, "consumer")),
                h.core.listGroups(new ListGroups.Request(), (short) 2).groups());
    }
}
