package zoolog.broker.group;

import java.util.List;
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
 * Error-only responses of the group APIs, shared by the coordinator (validation failures) and the
 * {@link GroupService} facade (a full inbox, a closed service), so both answer the same shape.
 * Throttle times are always 0: the broker does not throttle group APIs. Pure, any thread.
 */
final class GroupResponses {

    /** Kafka's "no generation" and "no leader" values in a JoinGroup response without a generation. */
    static final int NO_GENERATION = -1;
    static final String NO_LEADER = "";

    private GroupResponses() {}

    static JoinGroup.Response join(KafkaError error, String memberId) {
        return new JoinGroup.Response(0, error.code(), NO_GENERATION, "", NO_LEADER, memberId, List.of());
    }

    static SyncGroup.Response sync(KafkaError error) {
        return new SyncGroup.Response(0, error.code(), GroupMember.NO_BYTES);
    }

    static Heartbeat.Response heartbeat(KafkaError error) {
        return new Heartbeat.Response(0, error.code());
    }

    static LeaveGroup.Response leave(KafkaError error) {
        return new LeaveGroup.Response(0, error.code());
    }

    /** The same error for every partition of the request. */
    static OffsetCommit.Response commit(KafkaError error, OffsetCommit.Request request) {
        return new OffsetCommit.Response(0, request.topics().stream()
                .map(t -> new OffsetCommit.ResponseTopic(t.name(), t.partitions().stream()
                        .map(p -> new OffsetCommit.ResponsePartition(p.partitionIndex(), error.code()))
                        .toList()))
                .toList());
    }

    /** A group-level error (v2+) that also marks every requested partition (v0–1 read only those). */
    static OffsetFetch.Response fetch(KafkaError error, OffsetFetch.Request request) {
        List<OffsetFetch.ResponseTopic> topics = request.topics() == null ? List.of() : request.topics().stream()
                .map(t -> new OffsetFetch.ResponseTopic(t.name(), t.partitionIndexes().stream()
                        .map(p -> new OffsetFetch.ResponsePartition(p, -1L, -1, "", error.code()))
                        .toList()))
                .toList();
        return new OffsetFetch.Response(0, topics, error.code());
    }

    static ListGroups.Response list(KafkaError error) {
        return new ListGroups.Response(0, error.code(), List.of());
    }

    static DescribeGroups.Response describe(KafkaError error, DescribeGroups.Request request) {
        return new DescribeGroups.Response(0, request.groups().stream()
                .map(id -> new DescribeGroups.DescribedGroup(error.code(), id, "", "", "", List.of(),
                        DescribeGroups.AUTHORIZED_OPERATIONS_OMITTED))
                .toList());
    }
}
