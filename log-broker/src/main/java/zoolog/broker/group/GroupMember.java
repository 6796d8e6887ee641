package zoolog.broker.group;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.SyncGroup;

/**
 * One member of a classic group as the coordinator sees it: its ids, timeouts, the assignment
 * protocols it offered, its current assignment, and the JoinGroup or SyncGroup reply it is
 * waiting for (Kafka parks those requests until the rebalance phase completes). Mutable and
 * owned by the group-core thread through its {@link Group}.
 */
final class GroupMember {

    static final byte[] NO_BYTES = new byte[0];

    /** Member ids change only when a static member is replaced by a restarted instance. */
    String memberId;
    final String groupInstanceId;
    final String clientId;
    final String clientHost;
    final String protocolType;
    int rebalanceTimeoutMs;
    int sessionTimeoutMs;
    List<JoinGroup.Protocol> protocols;
    byte[] assignment = NO_BYTES;
    /** Non-null while the member's JoinGroup waits for the rebalance to complete. */
    Consumer<JoinGroup.Response> awaitingJoin;
    /** Non-null while the member's SyncGroup waits for the leader's assignment. */
    Consumer<SyncGroup.Response> awaitingSync;
    /** Joined but not yet through a completed join phase: it cannot heartbeat yet. */
    boolean isNew;
    /** When the member expires unless it heartbeats or waits in a rebalance; MAX_VALUE when unscheduled. */
    long heartbeatDeadlineMillis = Long.MAX_VALUE;

    GroupMember(String memberId, String groupInstanceId, String clientId, String clientHost, String protocolType,
            int rebalanceTimeoutMs, int sessionTimeoutMs, List<JoinGroup.Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.protocolType = protocolType;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    boolean isStatic() {
        return groupInstanceId != null;
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    /**
     * Whether a passed heartbeat deadline spares the member: members parked in a rebalance cannot
     * heartbeat and are covered by the rebalance's own timeouts, except new members, whose
     * JoinGroup must not keep a vanished client in the group forever.
     */
    boolean hasSatisfiedHeartbeat() {
        return !isNew && (isAwaitingJoin() || isAwaitingSync());
    }

    boolean supports(String protocolName) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocolName));
    }

    /** The metadata this member offered for {@code protocolName}, or no bytes. */
    byte[] metadata(String protocolName) {
        return protocols.stream().filter(p -> p.name().equals(protocolName)).findFirst()
                .map(JoinGroup.Protocol::metadata).orElse(NO_BYTES);
    }

    /** The member's most preferred protocol among {@code candidates} (its vote in protocol selection). */
    String vote(Set<String> candidates) {
        return protocols.stream().map(JoinGroup.Protocol::name).filter(candidates::contains).findFirst()
                .orElseThrow(() -> new IllegalStateException("member " + memberId + " supports none of " + candidates));
    }

    /** Whether {@code other} offers the same protocols with the same metadata in the same order. */
    boolean matches(List<JoinGroup.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            if (!other.get(i).name().equals(protocols.get(i).name())
                    || !Arrays.equals(other.get(i).metadata(), protocols.get(i).metadata())) {
                return false;
            }
        }
        return true;
    }
}
