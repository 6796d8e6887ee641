package zoolog.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wire compatibility with kafka-clients 3.9, for every supported API and version. Requests:
 * kafka-clients' schemas write a random valid frame, our decoder reads it, and the result must
 * equal what kafka-clients' own parser reads from the same bytes. Responses: a random valid body
 * written by kafka-clients, parsed by it and mapped onto our record, must come out of our encoder
 * byte for byte — so our responses parse in Kafka's clients and carry the same values.
 */
class KafkaCodecGoldenTest {

    private static final int SAMPLES_PER_VERSION = 40;
    private static final int LENGTH_MAX = 1 << 20;

    @TestFactory
    Stream<DynamicTest> requestsDecodeAsKafkaClientsWroteThem() {
        return everyVersion("request", (key, version) -> {
            Class<?> ours = KafkaMirror.requestClass(key);
            KafkaMirror.assertCovers(ours, ApiMessageType.fromApiKey(key.id()).requestSchemas()[version],
                    key.apiName() + "Request v" + version);
            Random random = new Random(key.id() * 1000L + version);
            for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                String clientId = random.nextInt(4) == 0 ? null : RandomKafkaMessages.string(random);
                byte[] frame = RandomKafkaMessages.requestFrame(key, version, i, clientId, random);
                KafkaRequestFrame decoded = KafkaCodec.decodeRequest(Unpooled.wrappedBuffer(frame), LENGTH_MAX);
                assertEquals(new RequestHeader(key, version, i, clientId), decoded.header());

                ApiMessage kafka = ApiMessageType.fromApiKey(key.id()).newRequest();
                kafka.read(new ByteBufferAccessor(bodyOf(frame, key, version)), version);
                Object expected = KafkaMirror.toOurs(kafka, ours);
                assertTrue(KafkaMirror.deepEquals(expected, decoded.request()),
                        () -> key + " v" + version + "\n kafka: " + expected + "\n ours:  " + decoded.request());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> responsesEncodeByteForByteAsKafkaClients() {
        return everyVersion("response", (key, version) -> {
            Class<?> ours = KafkaMirror.responseClass(key);
            KafkaMirror.assertCovers(ours, ApiMessageType.fromApiKey(key.id()).responseSchemas()[version],
                    key.apiName() + "Response v" + version);
            Random random = new Random(key.id() * 1000L + version + 500);
            for (int i = 0; i < SAMPLES_PER_VERSION; i++) {
                ByteBuffer body = RandomKafkaMessages.responseBody(key, version, random);
                byte[] expected = new byte[body.remaining()];
                body.duplicate().get(expected);
                ApiMessage kafka = ApiMessageType.fromApiKey(key.id()).newResponse();
                kafka.read(new ByteBufferAccessor(body), version);
                KafkaResponse response = (KafkaResponse) KafkaMirror.toOurs(kafka, ours);

                ByteBuf out = Unpooled.buffer();
                KafkaCodec.encodeResponse(new RequestHeader(key, version, 7 + i, "c"), response, out);
                assertEquals(out.readableBytes() - KafkaCodec.SIZE_PREFIX_BYTES, out.readInt(), "size prefix");
                assertEquals(7 + i, out.readInt(), "correlation id");
                if (key.responseHeaderVersion(version) == 1) {
                    assertEquals(0, out.readByte(), "empty header tagged fields");
                }
                byte[] actual = new byte[out.readableBytes()];
                out.readBytes(actual);
                assertArrayEquals(expected, actual, () -> key + " v" + version + ": " + response);
            }
        });
    }

    /** Request body bytes: the frame after Kafka's own header of the right version. */
    private static ByteBuffer bodyOf(byte[] frame, ApiKey key, short version) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        short headerVersion = ApiMessageType.fromApiKey(key.id()).requestHeaderVersion(version);
        new org.apache.kafka.common.message.RequestHeaderData(new ByteBufferAccessor(buffer), headerVersion);
        return buffer.slice();
    }

    @FunctionalInterface
    interface VersionCheck {
        void run(ApiKey key, short version) throws Exception;
    }

    private static Stream<DynamicTest> everyVersion(String direction, VersionCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            for (short version = key.versionMin(); version <= key.versionMax(); version++) {
                short v = version;
                tests.add(DynamicTest.dynamicTest(key.apiName() + " v" + v + " " + direction, () -> check.run(key, v)));
            }
        }
        return tests.stream();
    }
}
