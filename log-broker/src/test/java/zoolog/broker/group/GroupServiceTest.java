package zoolog.broker.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.broker.state.BrokerStateDb;
import zoolog.protocol.kafka.JoinGroup;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.OffsetCommit;
import zoolog.protocol.kafka.OffsetFetch;
import zoolog.protocol.kafka.SyncGroup;

class GroupServiceTest {

    private static final long WAIT_SECONDS_MAX = 10;

    @TempDir
    Path logDir;

    private static OffsetCommit.Request commit(String group, String topic, int partition, long offset) {
        return new OffsetCommit.Request(group, -1, "", null, -1, List.of(new OffsetCommit.RequestTopic(topic,
                List.of(new OffsetCommit.RequestPartition(partition, offset, 4, -1, "meta")))));
    }

    private static OffsetFetch.ResponsePartition fetch(GroupService service, String group, String topic, int partition)
            throws Exception {
        return service.fetchOffsets(new OffsetFetch.Request(group, List.of(new OffsetFetch.RequestTopic(topic,
                List.of(partition)))), (short) 5).get(WAIT_SECONDS_MAX, TimeUnit.SECONDS).topics().get(0).partitions()
                .get(0);
    }

    @Test
    void committedOffsetsSurviveClosingAndReopeningTheDatabase() throws Exception {
        try (BrokerStateDb db = BrokerStateDb.open(logDir);
                GroupService service = GroupService.start(GroupSettings.defaults(), db, Clock.systemUTC())) {
            OffsetCommit.Response r = service.commitOffsets(commit("g1", "t", 0, 100), (short) 7)
                    .get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            assertEquals(KafkaError.NONE.code(), r.topics().get(0).partitions().get(0).errorCode());
            service.commitOffsets(commit("g2", "t", 3, 7), (short) 7).get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            service.commitOffsets(commit("g2", "gone", 0, 1), (short) 7).get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            service.removeOffsetsOfTopic("gone").get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
        }
        try (BrokerStateDb db = BrokerStateDb.open(logDir);
                GroupService service = GroupService.start(GroupSettings.defaults(), db, Clock.systemUTC())) {
            OffsetFetch.ResponsePartition p = fetch(service, "g1", "t", 0);
            assertEquals(100, p.committedOffset());
            assertEquals(4, p.committedLeaderEpoch());
            assertEquals("meta", p.metadata());
            assertEquals(7, fetch(service, "g2", "t", 3).committedOffset());
            assertEquals(-1, fetch(service, "g2", "gone", 0).committedOffset());
            assertEquals(2, service.listGroups(new zoolog.protocol.kafka.ListGroups.Request(), (short) 2)
                    .get(WAIT_SECONDS_MAX, TimeUnit.SECONDS).groups().size());
        }
    }

    @Test
    void aMemberJoinsAndSyncsThroughTheFacade() throws Exception {
        GroupSettings noDelay = new GroupSettings(0, 6000, 1_800_000, Integer.MAX_VALUE);
        try (BrokerStateDb db = BrokerStateDb.open(logDir);
                GroupService service = GroupService.start(noDelay, db, Clock.systemUTC(), new SplittableRandom(1))) {
            List<JoinGroup.Protocol> protocols = List.of(new JoinGroup.Protocol("range", new byte[] {1}));
            JoinGroup.Response required = service.join(new JoinGroup.Request("g", 10_000, 30_000, "", null, "consumer",
                    protocols), (short) 5, "c", "/h").get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            assertEquals(KafkaError.MEMBER_ID_REQUIRED.code(), required.errorCode());
            // Completed by a tick of the group-core thread once the (zero) initial delay passed.
            JoinGroup.Response joined = service.join(new JoinGroup.Request("g", 10_000, 30_000, required.memberId(),
                    null, "consumer", protocols), (short) 5, "c", "/h").get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            assertEquals(KafkaError.NONE.code(), joined.errorCode());
            SyncGroup.Response synced = service.sync(new SyncGroup.Request("g", joined.generationId(),
                    joined.memberId(), null, List.of(new SyncGroup.Assignment(joined.memberId(), new byte[] {5}))),
                    (short) 3).get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {5}, synced.assignment());
        }
    }

    @Test
    void aClosedServiceRefusesWithCoordinatorNotAvailable() throws Exception {
        try (BrokerStateDb db = BrokerStateDb.open(logDir)) {
            GroupService service = GroupService.start(GroupSettings.defaults(), db, Clock.systemUTC());
            service.close();
            OffsetCommit.Response r = service.commitOffsets(commit("g", "t", 0, 1), (short) 7)
                    .get(WAIT_SECONDS_MAX, TimeUnit.SECONDS);
            assertEquals(KafkaError.COORDINATOR_NOT_AVAILABLE.code(), r.topics().get(0).partitions().get(0).errorCode());
        }
    }

    @Test
    void theOffsetCodecRoundTrips() {
        OffsetKey key = new OffsetKey("grüppe", "topic", 12);
        CommittedOffset value = new CommittedOffset(Long.MAX_VALUE, -1, "ünïcode", 123);
        assertEquals(key, OffsetCodec.decodeKey(OffsetCodec.encodeKey(key)).orElseThrow());
        assertEquals(value, OffsetCodec.decodeValue(OffsetCodec.encodeValue(value)).orElseThrow());
        assertEquals(java.util.Optional.empty(), OffsetCodec.decodeValue(new byte[] {1, 2}));
        assertEquals(java.util.Optional.empty(), OffsetCodec.decodeKey(new byte[] {0, 9, 1}));
    }
}
