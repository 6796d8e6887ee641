package zoolog.broker.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import zoolog.protocol.kafka.Heartbeat;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.LeaveGroup;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.SyncGroup;

/**
 * Drives a {@link GroupCoordinator} the way tests want it: explicit virtual time, a seeded member-id
 * generator, an in-memory journal that can be told to fail, and replies captured in {@link Reply}
 * holders so a test can see whether a parked request has been answered yet.
 */
final class CoordinatorHarness {

    static final String GROUP = "g";
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;

    /** A captured reply: null until the coordinator answers. */
    static final class Reply<T> {
        final List<T> answers = new ArrayList<>();

        void accept(T answer) {
            answers.add(answer);
        }

        boolean answered() {
            return !answers.isEmpty();
        }

        T get() {
            if (answers.size() != 1) {
                throw new AssertionError("expected exactly one answer, got " + answers);
            }
            return answers.get(0);
        }
    }

    final Map<OffsetKey, CommittedOffset> journal = new LinkedHashMap<>();
    boolean journalFails;
    final GroupCoordinator core;
    long nowMillis = 1_000_000;

    CoordinatorHarness(GroupSettings settings) {
        this(settings, Map.of());
    }

    CoordinatorHarness(GroupSettings settings, Map<OffsetKey, CommittedOffset> loaded) {
        journal.putAll(loaded);
        core = new GroupCoordinator(settings, new SplittableRandom(42), changes -> {
            if (journalFails) {
                return false;
            }
            changes.forEach(c -> {
                if (c.value() == null) {
                    journal.remove(c.key());
                } else {
                    journal.put(c.key(), c.value());
                }
            });
            return true;
        }, loaded);
    }

    static GroupSettings settings(int initialDelayMs) {
        return new GroupSettings(initialDelayMs, 6000, 300_000, Integer.MAX_VALUE);
    }

    static List<JoinGroup.Protocol> protocols(String... names) {
        List<JoinGroup.Protocol> result = new ArrayList<>();
        for (String name : names) {
            result.add(new JoinGroup.Protocol(name, ("meta-" + name).getBytes()));
        }
        return result;
    }

    void advance(long millis) {
        nowMillis += millis;
        core.onTick(nowMillis);
    }

    Reply<JoinGroup.Response> join(String memberId, String instanceId, short version, List<JoinGroup.Protocol> protocols) {
        Reply<JoinGroup.Response> reply = new Reply<>();
        core.onJoin(new JoinGroup.Request(GROUP, SESSION_MS, REBALANCE_MS, memberId, instanceId, "consumer", protocols),
                version, "client", "/127.0.0.1", nowMillis, reply::accept);
        return reply;
    }

    Reply<JoinGroup.Response> join(String memberId, short version) {
        return join(memberId, null, version, protocols("range"));
    }

    Reply<SyncGroup.Response> sync(String memberId, int generation, List<SyncGroup.Assignment> assignments) {
        return sync(memberId, null, generation, assignments);
    }

    Reply<SyncGroup.Response> sync(String memberId, String instanceId, int generation,
            List<SyncGroup.Assignment> assignments) {
        Reply<SyncGroup.Response> reply = new Reply<>();
        core.onSync(new SyncGroup.Request(GROUP, generation, memberId, instanceId, assignments), (short) 3, nowMillis,
                reply::accept);
        return reply;
    }

    short heartbeat(String memberId, String instanceId, int generation) {
        Reply<Heartbeat.Response> reply = new Reply<>();
        core.onHeartbeat(new Heartbeat.Request(GROUP, generation, memberId, instanceId), (short) 3, nowMillis,
                reply::accept);
        return reply.get().errorCode();
    }

    short leave(String memberId) {
        Reply<LeaveGroup.Response> reply = new Reply<>();
        core.onLeave(new LeaveGroup.Request(GROUP, memberId), (short) 1, nowMillis, reply::accept);
        return reply.get().errorCode();
    }

    OffsetCommit.Response commit(int generation, String memberId, String topic, int partition, long offset) {
        Reply<OffsetCommit.Response> reply = new Reply<>();
        core.onCommitOffsets(new OffsetCommit.Request(GROUP, generation, memberId, null, -1, List.of(
                new OffsetCommit.RequestTopic(topic, List.of(
                        new OffsetCommit.RequestPartition(partition, offset, 3, -1, "m"))))), (short) 7, nowMillis,
                reply::accept);
        return reply.get();
    }

    static short commitError(OffsetCommit.Response response) {
        return response.topics().get(0).partitions().get(0).errorCode();
    }
}
