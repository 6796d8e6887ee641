package zoolog.broker.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import zoolog.protocol.kafka.JoinGroup;

/**
 * One classic consumer group's membership and rebalance bookkeeping (Kafka's
 * {@code GroupMetadata}): state, generation, selected protocol, leader, members in join order,
 * static members by instance id, members that were handed an id but have not joined yet
 * (MEMBER_ID_REQUIRED), members that have not synced yet, and the deadlines of the current
 * rebalance phase. It knows no time source; {@link GroupCoordinator} drives it on the
 * group-core thread and decides every transition.
 */
final class Group {

    /** No deadline scheduled. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final String groupId;
    GroupState state = GroupState.EMPTY;
    int generationId;
    /**
     * Fixed by the first member and kept while the group is Empty (so it is still listed as a
     * consumer group, as in Kafka); null before any member joined.
     */
    String protocolType;
    /** The protocol of the current generation; null while Empty. */
    String protocolName;
    String leaderId;
    final LinkedHashMap<String, GroupMember> members = new LinkedHashMap<>();
    final Map<String, String> staticMembers = new HashMap<>();
    /** Member ids handed out with MEMBER_ID_REQUIRED, with the deadline by which they must join. */
    final LinkedHashMap<String, Long> pendingMembers = new LinkedHashMap<>();
    final Set<String> pendingSyncMembers = new LinkedHashSet<>();
    /** Set when a member joins during the first generation's initial delay, which then extends it. */
    boolean newMemberAdded;

    /** When the PreparingRebalance phase ends (or, in the initial delay, re-checks). */
    long joinDeadlineMillis = NO_DEADLINE;
    /** Whether the join phase is Kafka's InitialDelayedJoin, which completes only at its deadline. */
    boolean initialDelayedJoin;
    int initialDelayMs;
    int initialDelayRemainingMs;
    /** When members that have not sent SyncGroup for this generation are removed. */
    long syncDeadlineMillis = NO_DEADLINE;

    Group(String groupId) {
        this.groupId = groupId;
    }

    boolean is(GroupState s) {
        return state == s;
    }

    boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    GroupMember get(String memberId) {
        return members.get(memberId);
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    /** A request naming {@code groupInstanceId} but an older member id of that instance. */
    boolean isStaticMemberFenced(String groupInstanceId, String memberId) {
        if (groupInstanceId == null) {
            return false;
        }
        String current = staticMembers.get(groupInstanceId);
        return current != null && !current.equals(memberId);
    }

    boolean canRebalance() {
        return state == GroupState.STABLE || state == GroupState.COMPLETING_REBALANCE || state == GroupState.EMPTY;
    }

    long numAwaitingJoin() {
        return members.values().stream().filter(GroupMember::isAwaitingJoin).count();
    }

    boolean hasAllMembersJoined() {
        return numAwaitingJoin() == members.size() && pendingMembers.isEmpty();
    }

    /** The largest rebalance timeout among members: how long a join phase may last. */
    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(m -> m.rebalanceTimeoutMs).max().orElse(0);
    }

    /**
     * Whether a member of {@code memberProtocolType} offering {@code protocols} fits: an empty group
     * takes any non-empty offer; otherwise the type must match and one offered protocol must be
     * supported by every current member.
     */
    boolean supportsProtocols(String memberProtocolType, List<JoinGroup.Protocol> protocols) {
        if (members.isEmpty()) {
            return !memberProtocolType.isEmpty() && !protocols.isEmpty();
        }
        return memberProtocolType.equals(protocolType)
                && protocols.stream().anyMatch(p -> members.values().stream().allMatch(m -> m.supports(p.name())));
    }

    /**
     * Kafka's protocol selection: among protocols every member supports, each member votes for its
     * most preferred one and the most votes win (ties go to the protocol voted for first).
     */
    String selectProtocol() {
        Set<String> candidates = members.values().iterator().next().protocols.stream()
                .map(JoinGroup.Protocol::name)
                .filter(name -> members.values().stream().allMatch(m -> m.supports(name)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember member : members.values()) {
            votes.merge(member.vote(candidates), 1, Integer::sum);
        }
        String winner = null;
        int most = 0;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > most) {
                winner = vote.getKey();
                most = vote.getValue();
            }
        }
        return winner;
    }

    void add(GroupMember member) {
        if (members.isEmpty()) {
            protocolType = member.protocolType;
        }
        if (leaderId == null) {
            leaderId = member.memberId;
        }
        members.put(member.memberId, member);
        pendingMembers.remove(member.memberId);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId, member.memberId);
        }
    }

    /** Drops a member; the caller has answered its parked requests. A new leader is the oldest member left. */
    void remove(String memberId) {
        GroupMember member = members.remove(memberId);
        if (member != null && member.isStatic()) {
            staticMembers.remove(member.groupInstanceId, memberId);
        }
        if (isLeader(memberId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        pendingMembers.remove(memberId);
        pendingSyncMembers.remove(memberId);
    }

    /** A restarted static instance takes over the member (and its assignment) under a new member id. */
    GroupMember replaceStaticMember(String groupInstanceId, String oldMemberId, String newMemberId) {
        GroupMember member = members.remove(oldMemberId);
        member.memberId = newMemberId;
        members.put(newMemberId, member);
        if (isLeader(oldMemberId)) {
            leaderId = newMemberId;
        }
        staticMembers.put(groupInstanceId, newMemberId);
        if (pendingSyncMembers.remove(oldMemberId)) {
            pendingSyncMembers.add(newMemberId);
        }
        return member;
    }

    /**
     * At the end of a join phase the leader must be a member that rejoined; false when nobody
     * rejoined (the phase is then extended).
     */
    boolean maybeElectNewJoinedLeader() {
        if (leaderId == null) {
            return false;
        }
        if (members.get(leaderId).isAwaitingJoin()) {
            return true;
        }
        for (GroupMember member : members.values()) {
            if (member.isAwaitingJoin()) {
                leaderId = member.memberId;
                return true;
            }
        }
        return false;
    }

    /** Members of the finishing join phase that did not rejoin. */
    List<GroupMember> notYetRejoinedMembers() {
        List<GroupMember> result = new ArrayList<>();
        for (GroupMember member : members.values()) {
            if (!member.isAwaitingJoin()) {
                result.add(member);
            }
        }
        return result;
    }

    /** Starts the next generation: CompletingRebalance with a selected protocol, or Empty. */
    void initNextGeneration() {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            state = GroupState.EMPTY;
        } else {
            protocolName = selectProtocol();
            state = GroupState.COMPLETING_REBALANCE;
        }
        pendingSyncMembers.clear();
    }

    /** Every member with its metadata for the selected protocol: what the leader assigns from. */
    List<JoinGroup.Member> currentMemberMetadata() {
        List<JoinGroup.Member> result = new ArrayList<>(members.size());
        for (GroupMember member : members.values()) {
            result.add(new JoinGroup.Member(member.memberId, member.groupInstanceId, member.metadata(protocolName)));
        }
        return result;
    }

    /** A member synced; once all have, the sync deadline no longer applies. */
    void removePendingSyncMember(String memberId) {
        pendingSyncMembers.remove(memberId);
        if (pendingSyncMembers.isEmpty()) {
            syncDeadlineMillis = NO_DEADLINE;
        }
    }
}
