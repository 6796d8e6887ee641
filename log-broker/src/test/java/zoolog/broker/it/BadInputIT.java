package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets Kafka's error code and loses nothing: a batch whose CRC is wrong gets
 * CORRUPT_MESSAGE, one above {@code message.max.bytes} MESSAGE_TOO_LARGE, an illegal topic name
 * INVALID_TOPIC_EXCEPTION; the partition is untouched and the broker keeps serving.
 */
class BadInputIT {

    private static final String TOPIC = "guarded";

    @TempDir
    Path dir;

    private EmbeddedCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = EmbeddedCluster.start(dir, Map.of("message.max.bytes", "2000"));
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void corruptAndOversizedBatchesGetTheirErrorAndTheLogStaysClean() throws Exception {
        ByteBuffer corrupt = records(10).buffer();
        corrupt.put(corrupt.limit() - 1, (byte) (corrupt.get(corrupt.limit() - 1) ^ 0x5a));
        assertEquals(Errors.CORRUPT_MESSAGE, produceRaw(corrupt));
        assertEquals(Errors.MESSAGE_TOO_LARGE, produceRaw(records(5_000).buffer()));
        assertEquals(Errors.NONE, produceRaw(records(10).buffer()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()), new StringSerializer(),
                new StringSerializer())) {
            assertEquals(1, producer.send(new ProducerRecord<>(TOPIC, "after")).get(30, TimeUnit.SECONDS).offset(),
                    "only the good batch before it was stored");
        }
    }

    @Test
    void illegalTopicNamesAreRefused() throws Exception {
        try (Admin admin = admin()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
            assertTrue(e.getCause() instanceof InvalidTopicException, e.toString());
            assertTrue(admin.listTopics().names().get().contains(TOPIC), "the broker still serves");
        }
    }

    private static MemoryRecords records(int valueBytes) {
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[valueBytes]));
    }

    /** One Produce v7 request on a raw socket, as no well-behaved client would send it. */
    private Errors produceRaw(ByteBuffer batch) throws Exception {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(MemoryRecords.readableRecords(batch))));
        data.topicData().add(topic);
        short version = 7;
        ProduceRequest request = new ProduceRequest.Builder(version, version, data).build(version);
        RequestHeader header = new RequestHeader(ApiKeys.PRODUCE, version, "raw", 1);
        ByteBuffer bytes = request.serializeWithHeader(header);
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(cluster.bootstrap().split(":")[1]))) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(bytes.remaining());
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readInt()];
            in.readFully(response);
            ProduceResponse parsed = (ProduceResponse) AbstractResponse.parseResponse(ByteBuffer.wrap(response), header);
            return Errors.forCode(parsed.data().responses().iterator().next().partitionResponses().get(0).errorCode());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap()));
    }
}
