package zoolog.broker.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import zoolog.protocol.kafka.DescribeGroups;
import zoolog.protocol.kafka.Heartbeat;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.LeaveGroup;
import zoolog.protocol.kafka.ListGroups;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;
import zoolog.protocol.kafka.SyncGroup;

/**
 * The classic-protocol group coordinator of Zoolog's single broker (Kafka 3.9's
 * {@code GroupCoordinator}), as a pure state machine: requests and ticks come in with the time
 * ({@code nowMillis}), replies go out through the callbacks the requests carry, possibly later
 * (a JoinGroup is parked until its rebalance's join phase ends, a follower's SyncGroup until the
 * leader syncs). No threads, clocks or I/O: member ids come from an injected generator, durable
 * offset writes go through an {@link OffsetJournal} that must persist before it returns, so a
 * commit is answered only after its offsets are durable. One thread must own an instance
 * ({@link GroupService}'s group-core thread); tests drive it directly with explicit times.
 */
public final class GroupCoordinator {

    /** How long a new member's JoinGroup may stay parked before the member is dropped (Kafka's NewMemberJoinTimeoutMs). */
    public static final int NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

    private final GroupSettings settings;
    private final RandomGenerator random;
    private final OffsetStore offsets;
    private final Map<String, Group> groups = new TreeMap<>();
    private final GroupOffsetApis offsetApis;

    /**
     * @param random the source of member-id UUIDs; seed it for reproducible runs
     * @param loadedOffsets the committed offsets found in durable storage at start
     */
    public GroupCoordinator(GroupSettings settings, RandomGenerator random, OffsetJournal journal,
            Map<OffsetKey, CommittedOffset> loadedOffsets) {
        this.settings = settings;
        this.random = random;
        this.offsets = new OffsetStore(journal, loadedOffsets);
        for (String groupId : offsets.groupIds()) {
            groups.put(groupId, new Group(groupId));
        }
        this.offsetApis = new GroupOffsetApis(groups, offsets, this::scheduleHeartbeat);
    }

    /** The parts of a JoinGroup that shape the member, whichever path the join takes. */
    private record JoinArgs(String groupInstanceId, String clientId, String clientHost, int rebalanceTimeoutMs,
            int sessionTimeoutMs, String protocolType, List<JoinGroup.Protocol> protocols,
            Consumer<JoinGroup.Response> reply) {}

    public void onJoin(JoinGroup.Request request, short version, String clientId, String clientHost, long nowMillis,
            Consumer<JoinGroup.Response> reply) {
        String memberId = request.memberId();
        if (request.groupId().isEmpty()) {
            reply.accept(GroupResponses.join(KafkaError.INVALID_GROUP_ID, memberId));
            return;
        }
        if (request.sessionTimeoutMs() < settings.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > settings.maxSessionTimeoutMs()) {
            reply.accept(GroupResponses.join(KafkaError.INVALID_SESSION_TIMEOUT, memberId));
            return;
        }
        boolean isUnknownMember = memberId.isEmpty();
        Group group = groups.get(request.groupId());
        if (group == null) {
            if (!isUnknownMember) {
                reply.accept(GroupResponses.join(KafkaError.UNKNOWN_MEMBER_ID, memberId));
                return;
            }
            group = new Group(request.groupId());
            groups.put(group.groupId, group);
        }
        int rebalanceTimeoutMs = version == 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        JoinArgs args = new JoinArgs(request.groupInstanceId(), clientId, clientHost, rebalanceTimeoutMs,
                request.sessionTimeoutMs(), request.protocolType(), request.protocols(), reply);
        if (!acceptJoiningMember(group, memberId)) {
            GroupMember member = group.get(memberId);
            if (member != null) {
                removeMemberAndUpdateGroup(group, member, nowMillis);
            }
            reply.accept(GroupResponses.join(KafkaError.GROUP_MAX_SIZE_REACHED, ""));
        } else if (isUnknownMember) {
            doNewMemberJoin(group, args, version >= 4 && request.groupInstanceId() == null, nowMillis);
        } else {
            doCurrentMemberJoin(group, memberId, args, nowMillis);
        }
        maybeCompleteJoin(group, nowMillis);
    }

    private boolean acceptJoiningMember(Group group, String memberId) {
        return switch (group.state) {
            case EMPTY, DEAD -> true;
            case PREPARING_REBALANCE -> (group.has(memberId) && group.get(memberId).isAwaitingJoin())
                    || group.numAwaitingJoin() < settings.groupMaxSize();
            case COMPLETING_REBALANCE, STABLE -> group.has(memberId) || group.members.size() < settings.groupMaxSize();
        };
    }

    private void doNewMemberJoin(Group group, JoinArgs args, boolean requireKnownMemberId, long nowMillis) {
        if (!group.supportsProtocols(args.protocolType, args.protocols)) {
            args.reply.accept(GroupResponses.join(KafkaError.INCONSISTENT_GROUP_PROTOCOL, ""));
            return;
        }
        String newMemberId = (args.groupInstanceId != null ? args.groupInstanceId : args.clientId) + "-" + nextUuid();
        if (args.groupInstanceId != null) {
            String existingMemberId = group.staticMembers.get(args.groupInstanceId);
            if (existingMemberId == null) {
                addMemberAndRebalance(group, newMemberId, args, nowMillis);
            } else {
                updateStaticMemberAndRebalance(group, existingMemberId, newMemberId, args, nowMillis);
            }
        } else if (requireKnownMemberId) {
            group.pendingMembers.put(newMemberId, nowMillis + args.sessionTimeoutMs);
            args.reply.accept(GroupResponses.join(KafkaError.MEMBER_ID_REQUIRED, newMemberId));
        } else {
            addMemberAndRebalance(group, newMemberId, args, nowMillis);
        }
    }

    private void doCurrentMemberJoin(Group group, String memberId, JoinArgs args, long nowMillis) {
        if (!group.supportsProtocols(args.protocolType, args.protocols)) {
            args.reply.accept(GroupResponses.join(KafkaError.INCONSISTENT_GROUP_PROTOCOL, memberId));
            return;
        }
        if (group.pendingMembers.containsKey(memberId)) {
            if (args.groupInstanceId != null) {
                // Pending ids are only handed to dynamic members; a static instance must not adopt one.
                args.reply.accept(GroupResponses.join(KafkaError.UNKNOWN_MEMBER_ID, memberId));
            } else {
                addMemberAndRebalance(group, memberId, args, nowMillis);
            }
            return;
        }
        boolean instanceIdNotFound = args.groupInstanceId != null
                && !group.staticMembers.containsKey(args.groupInstanceId);
        if (group.isStaticMemberFenced(args.groupInstanceId, memberId)) {
            args.reply.accept(GroupResponses.join(KafkaError.FENCED_INSTANCE_ID, memberId));
            return;
        }
        if (!group.has(memberId) || instanceIdNotFound) {
            args.reply.accept(GroupResponses.join(KafkaError.UNKNOWN_MEMBER_ID, memberId));
            return;
        }
        GroupMember member = group.get(memberId);
        switch (group.state) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, args, nowMillis);
            case COMPLETING_REBALANCE -> {
                if (member.matches(args.protocols)) {
                    // The member lost its JoinGroup response; hand it the same generation again.
                    args.reply.accept(currentGenerationJoinResponse(group, memberId, group.isLeader(memberId)));
                } else {
                    updateMemberAndRebalance(group, member, args, nowMillis);
                }
            }
            case STABLE -> {
                // A leader's rejoin forces a rebalance: that is how it reacts to changes (new topics)
                // that do not show in member metadata.
                if (group.isLeader(memberId) || !member.matches(args.protocols)) {
                    updateMemberAndRebalance(group, member, args, nowMillis);
                } else {
                    args.reply.accept(currentGenerationJoinResponse(group, memberId, false));
                }
            }
            case EMPTY, DEAD -> args.reply.accept(GroupResponses.join(KafkaError.UNKNOWN_MEMBER_ID, memberId));
        }
    }

    private void addMemberAndRebalance(Group group, String memberId, JoinArgs args, long nowMillis) {
        GroupMember member = new GroupMember(memberId, args.groupInstanceId, args.clientId, args.clientHost,
                args.protocolType, args.rebalanceTimeoutMs, args.sessionTimeoutMs, args.protocols);
        member.isNew = true;
        if (group.is(GroupState.PREPARING_REBALANCE) && group.generationId == 0) {
            group.newMemberAdded = true;
        }
        group.add(member);
        member.awaitingJoin = args.reply;
        // A parked JoinGroup cannot heartbeat; this bounds how long a vanished new client stays.
        member.heartbeatDeadlineMillis = nowMillis + NEW_MEMBER_JOIN_TIMEOUT_MS;
        maybePrepareRebalance(group, nowMillis);
    }

    private void updateMemberAndRebalance(Group group, GroupMember member, JoinArgs args, long nowMillis) {
        updateMember(member, args);
        maybePrepareRebalance(group, nowMillis);
    }

    private static void updateMember(GroupMember member, JoinArgs args) {
        member.protocols = List.copyOf(args.protocols);
        member.rebalanceTimeoutMs = args.rebalanceTimeoutMs;
        member.sessionTimeoutMs = args.sessionTimeoutMs;
        if (member.awaitingJoin != null) {
            // A second JoinGroup replaces the first; the first still gets an answer and retries.
            member.awaitingJoin.accept(GroupResponses.join(KafkaError.REBALANCE_IN_PROGRESS, member.memberId));
        }
        member.awaitingJoin = args.reply;
    }

    /**
     * A restarted static instance (known group.instance.id, empty member id) takes over its old
     * member under a new id. In a Stable group whose protocol would not change it keeps its
     * assignment without a rebalance; the old id is fenced from then on.
     */
    private void updateStaticMemberAndRebalance(Group group, String oldMemberId, String newMemberId, JoinArgs args,
            long nowMillis) {
        String currentLeader = group.leaderId;
        GroupMember member = group.get(oldMemberId);
        if (member.awaitingJoin != null) {
            member.awaitingJoin.accept(GroupResponses.join(KafkaError.FENCED_INSTANCE_ID, oldMemberId));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.accept(GroupResponses.sync(KafkaError.FENCED_INSTANCE_ID));
            member.awaitingSync = null;
        }
        group.replaceStaticMember(args.groupInstanceId, oldMemberId, newMemberId);
        scheduleHeartbeat(member, nowMillis);
        updateMember(member, args);
        switch (group.state) {
            case STABLE -> {
                if (Objects.equals(group.protocolName, group.selectProtocol())) {
                    // The old leader id is returned so that the new instance does not think it
                    // leads: a Stable group would not broadcast an assignment it computed.
                    member.awaitingJoin = null;
                    args.reply.accept(new JoinGroup.Response(0, KafkaError.NONE.code(), group.generationId,
                            group.protocolName, currentLeader, newMemberId, List.of()));
                } else {
                    maybePrepareRebalance(group, nowMillis);
                }
            }
            // The leader may already be assigning for the old id, so this generation cannot stand.
            case COMPLETING_REBALANCE -> prepareRebalance(group, nowMillis);
            case PREPARING_REBALANCE, EMPTY, DEAD -> {
                // Already collecting joins; the replaced member's join counts for this phase.
            }
        }
    }

    private JoinGroup.Response currentGenerationJoinResponse(Group group, String memberId, boolean withMembers) {
        return new JoinGroup.Response(0, KafkaError.NONE.code(), group.generationId,
                Objects.requireNonNullElse(group.protocolName, ""), Objects.requireNonNullElse(group.leaderId, ""),
                memberId, withMembers ? group.currentMemberMetadata() : List.of());
    }

    private void maybePrepareRebalance(Group group, long nowMillis) {
        if (group.canRebalance()) {
            prepareRebalance(group, nowMillis);
        }
    }

    /**
     * Enters PreparingRebalance. Members waiting for a sync are told to rejoin. A group leaving
     * Empty waits the initial delay (extended while members keep arriving); any other waits
     * until all members rejoined or the largest rebalance timeout passed.
     */
    private void prepareRebalance(Group group, long nowMillis) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            resetAndPropagateAssignmentError(group, KafkaError.REBALANCE_IN_PROGRESS, nowMillis);
        }
        group.syncDeadlineMillis = Group.NO_DEADLINE;
        group.initialDelayedJoin = group.is(GroupState.EMPTY);
        if (group.initialDelayedJoin) {
            group.initialDelayMs = settings.initialRebalanceDelayMs();
            group.initialDelayRemainingMs = Math.max(group.rebalanceTimeoutMs() - group.initialDelayMs, 0);
            group.joinDeadlineMillis = nowMillis + group.initialDelayMs;
        } else {
            group.joinDeadlineMillis = nowMillis + group.rebalanceTimeoutMs();
        }
        group.state = GroupState.PREPARING_REBALANCE;
        maybeCompleteJoin(group, nowMillis);
    }

    /** Ends the join phase early once every member rejoined (never during the initial delay). */
    private void maybeCompleteJoin(Group group, long nowMillis) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.initialDelayedJoin && group.hasAllMembersJoined()) {
            onCompleteJoin(group, nowMillis);
        }
    }

    /** The join phase's deadline passed: extend the initial delay if members keep coming, else complete. */
    private void onJoinDeadline(Group group, long nowMillis) {
        if (group.initialDelayedJoin && group.newMemberAdded && group.initialDelayRemainingMs != 0) {
            group.newMemberAdded = false;
            int delayMs = Math.min(settings.initialRebalanceDelayMs(), group.initialDelayRemainingMs);
            group.initialDelayRemainingMs = Math.max(group.initialDelayRemainingMs - group.initialDelayMs, 0);
            group.initialDelayMs = delayMs;
            group.joinDeadlineMillis = nowMillis + delayMs;
        } else {
            onCompleteJoin(group, nowMillis);
        }
    }

    /**
     * The join phase ends: dynamic members that did not rejoin are dropped, the leader is a member
     * that rejoined, the generation advances and every parked JoinGroup is answered (only the
     * leader gets the member list). Static members that did not rejoin stay, subject to their
     * session timeout, so a restarting static consumer keeps its place.
     */
    private void onCompleteJoin(Group group, long nowMillis) {
        group.joinDeadlineMillis = Group.NO_DEADLINE;
        group.initialDelayedJoin = false;
        group.newMemberAdded = false;
        for (GroupMember member : group.notYetRejoinedMembers()) {
            if (!member.isStatic()) {
                answerParkedRequests(member);
                group.remove(member.memberId);
            }
        }
        if (!group.maybeElectNewJoinedLeader() && !group.members.isEmpty()) {
            // Only static members that did not rejoin are left: wait for them or their sessions to end.
            group.joinDeadlineMillis = nowMillis + group.rebalanceTimeoutMs();
            return;
        }
        group.initNextGeneration();
        if (group.is(GroupState.EMPTY)) {
            return;
        }
        List<JoinGroup.Member> memberMetadata = group.currentMemberMetadata();
        for (GroupMember member : group.members.values()) {
            if (member.awaitingJoin != null) {
                Consumer<JoinGroup.Response> reply = member.awaitingJoin;
                member.awaitingJoin = null;
                reply.accept(new JoinGroup.Response(0, KafkaError.NONE.code(), group.generationId,
                        group.protocolName, group.leaderId, member.memberId,
                        group.isLeader(member.memberId) ? memberMetadata : List.of()));
            }
            scheduleHeartbeat(member, nowMillis);
            member.isNew = false;
            group.pendingSyncMembers.add(member.memberId);
        }
        group.syncDeadlineMillis = nowMillis + group.rebalanceTimeoutMs();
    }

    public void onSync(SyncGroup.Request request, short version, long nowMillis, Consumer<SyncGroup.Response> reply) {
        if (request.groupId().isEmpty()) {
            reply.accept(GroupResponses.sync(KafkaError.INVALID_GROUP_ID));
            return;
        }
        Group group = groups.get(request.groupId());
        KafkaError error = validateMember(group, request.memberId(), request.groupInstanceId(),
                request.generationId());
        if (error != KafkaError.NONE) {
            reply.accept(GroupResponses.sync(error));
            return;
        }
        GroupMember member = group.get(request.memberId());
        switch (group.state) {
            case EMPTY, DEAD -> reply.accept(GroupResponses.sync(KafkaError.UNKNOWN_MEMBER_ID));
            case PREPARING_REBALANCE -> reply.accept(GroupResponses.sync(KafkaError.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                if (member.awaitingSync != null) {
                    member.awaitingSync.accept(GroupResponses.sync(KafkaError.REBALANCE_IN_PROGRESS));
                }
                member.awaitingSync = reply;
                group.removePendingSyncMember(member.memberId);
                if (group.isLeader(member.memberId)) {
                    Map<String, byte[]> assignments = new LinkedHashMap<>();
                    request.assignments().forEach(a -> assignments.put(a.memberId(), a.assignment()));
                    for (GroupMember m : group.members.values()) {
                        m.assignment = assignments.getOrDefault(m.memberId, GroupMember.NO_BYTES);
                    }
                    propagateAssignment(group, KafkaError.NONE, nowMillis);
                    group.state = GroupState.STABLE;
                }
            }
            case STABLE -> {
                group.removePendingSyncMember(member.memberId);
                reply.accept(new SyncGroup.Response(0, KafkaError.NONE.code(), member.assignment));
                scheduleHeartbeat(member, nowMillis);
            }
        }
    }

    /** The checks SyncGroup and Heartbeat share, in Kafka's order. */
    private static KafkaError validateMember(Group group, String memberId, String groupInstanceId, int generationId) {
        if (group == null) {
            return KafkaError.UNKNOWN_MEMBER_ID;
        }
        if (group.isStaticMemberFenced(groupInstanceId, memberId)) {
            return KafkaError.FENCED_INSTANCE_ID;
        }
        if (!group.has(memberId)) {
            return KafkaError.UNKNOWN_MEMBER_ID;
        }
        if (generationId != group.generationId) {
            return KafkaError.ILLEGAL_GENERATION;
        }
        return KafkaError.NONE;
    }

    private void resetAndPropagateAssignmentError(Group group, KafkaError error, long nowMillis) {
        for (GroupMember member : group.members.values()) {
            member.assignment = GroupMember.NO_BYTES;
        }
        propagateAssignment(group, error, nowMillis);
    }

    private void propagateAssignment(Group group, KafkaError error, long nowMillis) {
        for (GroupMember member : group.members.values()) {
            if (member.awaitingSync != null) {
                Consumer<SyncGroup.Response> reply = member.awaitingSync;
                member.awaitingSync = null;
                reply.accept(new SyncGroup.Response(0, error.code(), member.assignment));
                scheduleHeartbeat(member, nowMillis);
            }
        }
    }

    public void onHeartbeat(Heartbeat.Request request, short version, long nowMillis,
            Consumer<Heartbeat.Response> reply) {
        if (request.groupId().isEmpty()) {
            reply.accept(GroupResponses.heartbeat(KafkaError.INVALID_GROUP_ID));
            return;
        }
        Group group = groups.get(request.groupId());
        KafkaError error = validateMember(group, request.memberId(), request.groupInstanceId(),
                request.generationId());
        if (error == KafkaError.NONE) {
            switch (group.state) {
                case EMPTY, DEAD -> error = KafkaError.UNKNOWN_MEMBER_ID;
                case PREPARING_REBALANCE -> {
                    scheduleHeartbeat(group.get(request.memberId()), nowMillis);
                    error = KafkaError.REBALANCE_IN_PROGRESS;
                }
                case COMPLETING_REBALANCE, STABLE -> scheduleHeartbeat(group.get(request.memberId()), nowMillis);
            }
        }
        reply.accept(GroupResponses.heartbeat(error));
    }

    public void onLeave(LeaveGroup.Request request, short version, long nowMillis,
            Consumer<LeaveGroup.Response> reply) {
        if (request.groupId().isEmpty()) {
            reply.accept(GroupResponses.leave(KafkaError.INVALID_GROUP_ID));
            return;
        }
        Group group = groups.get(request.groupId());
        String memberId = request.memberId();
        if (group == null || memberId.isEmpty()) {
            reply.accept(GroupResponses.leave(KafkaError.UNKNOWN_MEMBER_ID));
        } else if (group.pendingMembers.remove(memberId) != null) {
            maybeCompleteJoin(group, nowMillis);
            reply.accept(GroupResponses.leave(KafkaError.NONE));
        } else if (group.has(memberId)) {
            removeMemberAndUpdateGroup(group, group.get(memberId), nowMillis);
            reply.accept(GroupResponses.leave(KafkaError.NONE));
        } else {
            reply.accept(GroupResponses.leave(KafkaError.UNKNOWN_MEMBER_ID));
        }
    }

    /** A member leaves or expires: answer what it has parked, drop it, and rebalance the rest. */
    private void removeMemberAndUpdateGroup(Group group, GroupMember member, long nowMillis) {
        answerParkedRequests(member);
        group.remove(member.memberId);
        switch (group.state) {
            case STABLE, COMPLETING_REBALANCE -> maybePrepareRebalance(group, nowMillis);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group, nowMillis);
            case EMPTY, DEAD -> {
                // Nothing left to rebalance.
            }
        }
    }

    private static void answerParkedRequests(GroupMember member) {
        if (member.awaitingJoin != null) {
            member.awaitingJoin.accept(GroupResponses.join(KafkaError.UNKNOWN_MEMBER_ID, ""));
            member.awaitingJoin = null;
        }
        if (member.awaitingSync != null) {
            member.awaitingSync.accept(GroupResponses.sync(KafkaError.UNKNOWN_MEMBER_ID));
            member.awaitingSync = null;
        }
    }

    private void scheduleHeartbeat(GroupMember member, long nowMillis) {
        member.heartbeatDeadlineMillis = nowMillis + member.sessionTimeoutMs;
    }

    /**
     * Time passes: pending member ids, sessions, join phases and sync phases whose deadlines are
     * reached expire; groups left Empty with no members and no offsets are forgotten.
     */
    public void onTick(long nowMillis) {
        for (Group group : new ArrayList<>(groups.values())) {
            expirePendingMembers(group, nowMillis);
            expireSessions(group, nowMillis);
            if (group.is(GroupState.PREPARING_REBALANCE) && group.joinDeadlineMillis <= nowMillis) {
                onJoinDeadline(group, nowMillis);
            }
            if ((group.is(GroupState.COMPLETING_REBALANCE) || group.is(GroupState.STABLE))
                    && group.syncDeadlineMillis <= nowMillis) {
                onExpirePendingSync(group, nowMillis);
            }
            if (group.is(GroupState.EMPTY) && group.members.isEmpty() && group.pendingMembers.isEmpty()
                    && !offsets.hasOffsets(group.groupId)) {
                groups.remove(group.groupId);
            }
        }
    }

    private void expirePendingMembers(Group group, long nowMillis) {
        if (group.pendingMembers.values().removeIf(deadline -> deadline <= nowMillis)) {
            maybeCompleteJoin(group, nowMillis);
        }
    }

    private void expireSessions(Group group, long nowMillis) {
        for (GroupMember member : new ArrayList<>(group.members.values())) {
            if (member.heartbeatDeadlineMillis > nowMillis || group.get(member.memberId) != member) {
                continue;
            }
            if (member.hasSatisfiedHeartbeat()) {
                member.heartbeatDeadlineMillis = Long.MAX_VALUE;
            } else {
                removeMemberAndUpdateGroup(group, member, nowMillis);
            }
        }
    }

    /** Members that never sent SyncGroup for this generation are dropped and the group rebalances. */
    private void onExpirePendingSync(Group group, long nowMillis) {
        group.syncDeadlineMillis = Group.NO_DEADLINE;
        for (String memberId : new ArrayList<>(group.pendingSyncMembers)) {
            answerParkedRequests(group.get(memberId));
            group.remove(memberId);
        }
        group.pendingSyncMembers.clear();
        prepareRebalance(group, nowMillis);
    }

    public void onCommitOffsets(OffsetCommit.Request request, short version, long nowMillis,
            Consumer<OffsetCommit.Response> reply) {
        reply.accept(offsetApis.commit(request, nowMillis));
    }

    public OffsetFetch.Response fetchOffsets(OffsetFetch.Request request, short version) {
        return offsetApis.fetch(request);
    }

    public ListGroups.Response listGroups(ListGroups.Request request, short version) {
        return offsetApis.list();
    }

    public DescribeGroups.Response describeGroups(DescribeGroups.Request request, short version) {
        return offsetApis.describe(request);
    }

    /** Forgets every group's committed offsets of a deleted topic; false when the journal failed. */
    public boolean removeOffsetsOfTopic(String topic) {
        return offsets.removeTopic(topic);
    }

    /** The state of a group, DEAD when the coordinator does not know it. */
    public GroupState state(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? GroupState.DEAD : group.state;
    }

    /** The current generation of a group, -1 when unknown. */
    public int generationId(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? GroupResponses.NO_GENERATION : group.generationId;
    }

    /** The member ids of a group in join order, empty when unknown. */
    public Set<String> memberIds(String groupId) {
        Group group = groups.get(groupId);
        return group == null ? Set.of() : Set.copyOf(group.members.keySet());
    }

    /** A version-4 UUID from the injected generator, so member ids are reproducible under a seed. */
    private String nextUuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(most, least).toString();
    }
}
