package zoolog.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ObjLongConsumer;
import zoolog.protocol.kafka.DescribeGroups;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.ListGroups;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;

/**
 * The group APIs that read or write without taking part in a rebalance: OffsetCommit (with
 * Kafka's member and generation checks), OffsetFetch, ListGroups and DescribeGroups. A part of
 * {@link GroupCoordinator}, sharing its groups and offset store on the group-core thread; kept
 * apart so the rebalance state machine reads on its own.
 */
final class GroupOffsetApis {

    /** The longest metadata string a commit may attach (Kafka's {@code offset.metadata.max.bytes}). */
    static final int OFFSET_METADATA_LENGTH_MAX = 4096;

    /** What DescribeGroups v3+ reports when asked: READ, DELETE and DESCRIBE, as Kafka does without an authorizer. */
    static final int GROUP_AUTHORIZED_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

    private final Map<String, Group> groups;
    private final OffsetStore offsets;
    private final ObjLongConsumer<GroupMember> scheduleHeartbeat;

    GroupOffsetApis(Map<String, Group> groups, OffsetStore offsets, ObjLongConsumer<GroupMember> scheduleHeartbeat) {
        this.groups = groups;
        this.offsets = offsets;
        this.scheduleHeartbeat = scheduleHeartbeat;
    }

    /**
     * A commit with generation -1, an empty member id and no instance id is standalone (a consumer
     * that assigns partitions itself) and is accepted only while the group has no members. Any
     * other commit must come from a current member of the current generation. The offsets are
     * durable before this returns the response.
     */
    OffsetCommit.Response commit(OffsetCommit.Request request, long nowMillis) {
        Group group = groups.get(request.groupId());
        if (group == null) {
            if (request.generationIdOrMemberEpoch() >= 0) {
                return GroupResponses.commit(KafkaError.ILLEGAL_GENERATION, request);
            }
            group = new Group(request.groupId());
            groups.put(group.groupId, group);
        }
        KafkaError error = validateCommit(group, request);
        if (error != KafkaError.NONE) {
            return GroupResponses.commit(error, request);
        }
        switch (group.state) {
            case COMPLETING_REBALANCE -> {
                // The member has its new generation but not its assignment yet; it must sync first.
                return GroupResponses.commit(KafkaError.REBALANCE_IN_PROGRESS, request);
            }
            case STABLE, PREPARING_REBALANCE -> scheduleHeartbeat.accept(group.get(request.memberId()), nowMillis);
            case EMPTY, DEAD -> {
                // Standalone commits need no member bookkeeping.
            }
        }
        return store(request, nowMillis);
    }

    private static KafkaError validateCommit(Group group, OffsetCommit.Request request) {
        boolean standalone = request.generationIdOrMemberEpoch() < 0 && request.memberId().isEmpty()
                && request.groupInstanceId() == null;
        if (!standalone) {
            if (group.isStaticMemberFenced(request.groupInstanceId(), request.memberId())) {
                return KafkaError.FENCED_INSTANCE_ID;
            }
            if (!group.has(request.memberId())) {
                return KafkaError.UNKNOWN_MEMBER_ID;
            }
            if (request.generationIdOrMemberEpoch() != group.generationId) {
                return KafkaError.ILLEGAL_GENERATION;
            }
            return KafkaError.NONE;
        }
        return group.is(GroupState.EMPTY) ? KafkaError.NONE : KafkaError.UNKNOWN_MEMBER_ID;
    }

    private OffsetCommit.Response store(OffsetCommit.Request request, long nowMillis) {
        List<OffsetJournal.Change> changes = new ArrayList<>();
        for (OffsetCommit.RequestTopic topic : request.topics()) {
            for (OffsetCommit.RequestPartition p : topic.partitions()) {
                if (!metadataTooLarge(p)) {
                    String metadata = Objects.requireNonNullElse(p.committedMetadata(), "");
                    long commitTimestampMillis = p.commitTimestamp() >= 0 ? p.commitTimestamp() : nowMillis;
                    changes.add(new OffsetJournal.Change(new OffsetKey(request.groupId(), topic.name(),
                            p.partitionIndex()), new CommittedOffset(p.committedOffset(), p.committedLeaderEpoch(),
                            metadata, commitTimestampMillis)));
                }
            }
        }
        // A failed store is a broker problem the client may retry elsewhere, as Kafka answers it.
        KafkaError storeResult = offsets.commit(changes) ? KafkaError.NONE : KafkaError.COORDINATOR_NOT_AVAILABLE;
        return new OffsetCommit.Response(0, request.topics().stream()
                .map(t -> new OffsetCommit.ResponseTopic(t.name(), t.partitions().stream()
                        .map(p -> new OffsetCommit.ResponsePartition(p.partitionIndex(),
                                metadataTooLarge(p) ? KafkaError.OFFSET_METADATA_TOO_LARGE.code()
                                        : storeResult.code()))
                        .toList()))
                .toList());
    }

    private static boolean metadataTooLarge(OffsetCommit.RequestPartition p) {
        return p.committedMetadata() != null && p.committedMetadata().length() > OFFSET_METADATA_LENGTH_MAX;
    }

    /** The committed offsets asked for (or all of them, for null topics); -1 where none is committed. */
    OffsetFetch.Response fetch(OffsetFetch.Request request) {
        List<OffsetFetch.ResponseTopic> topics = new ArrayList<>();
        if (request.topics() == null) {
            offsets.offsetsOf(request.groupId()).forEach((topic, partitions) -> topics.add(
                    new OffsetFetch.ResponseTopic(topic, partitions.entrySet().stream()
                            .map(e -> committed(e.getKey(), e.getValue()))
                            .toList())));
        } else {
            for (OffsetFetch.RequestTopic topic : request.topics()) {
                topics.add(new OffsetFetch.ResponseTopic(topic.name(), topic.partitionIndexes().stream()
                        .map(p -> committed(p, offsets.get(request.groupId(), topic.name(), p)))
                        .toList()));
            }
        }
        return new OffsetFetch.Response(0, topics, KafkaError.NONE.code());
    }

    private static OffsetFetch.ResponsePartition committed(int partition, CommittedOffset offset) {
        if (offset == null) {
            return new OffsetFetch.ResponsePartition(partition, -1L, -1, "", KafkaError.NONE.code());
        }
        return new OffsetFetch.ResponsePartition(partition, offset.offset(), offset.leaderEpoch(), offset.metadata(),
                KafkaError.NONE.code());
    }

    /** Every known group, including those that exist only through committed offsets (protocol type ""). */
    ListGroups.Response list() {
        return new ListGroups.Response(0, KafkaError.NONE.code(), groups.values().stream()
                .map(g -> new ListGroups.ListedGroup(g.groupId, Objects.requireNonNullElse(g.protocolType, "")))
                .toList());
    }

    /**
     * Each named group's state and members. Member metadata and assignments are shown only when
     * Stable, as Kafka does; an unknown group is reported Dead without an error.
     */
    DescribeGroups.Response describe(DescribeGroups.Request request) {
        int authorizedOperations = request.includeAuthorizedOperations() ? GROUP_AUTHORIZED_OPERATIONS
                : DescribeGroups.AUTHORIZED_OPERATIONS_OMITTED;
        List<DescribeGroups.DescribedGroup> described = new ArrayList<>();
        for (String groupId : request.groups()) {
            Group group = groups.get(groupId);
            if (group == null) {
                described.add(new DescribeGroups.DescribedGroup(KafkaError.NONE.code(), groupId,
                        GroupState.DEAD.wireName(), "", "", List.of(), authorizedOperations));
                continue;
            }
            boolean stable = group.is(GroupState.STABLE);
            List<DescribeGroups.DescribedGroupMember> members = group.members.values().stream()
                    .map(m -> new DescribeGroups.DescribedGroupMember(m.memberId, m.groupInstanceId, m.clientId,
                            m.clientHost, stable ? m.metadata(group.protocolName) : GroupMember.NO_BYTES,
                            stable ? m.assignment : GroupMember.NO_BYTES))
                    .toList();
            described.add(new DescribeGroups.DescribedGroup(KafkaError.NONE.code(), groupId, group.state.wireName(),
                    Objects.requireNonNullElse(group.protocolType, ""), stable ? group.protocolName : "", members,
                    authorizedOperations));
        }
        return new DescribeGroups.Response(0, described);
    }
}
