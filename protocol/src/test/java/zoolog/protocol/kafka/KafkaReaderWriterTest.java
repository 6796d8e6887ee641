package zoolog.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

/**
 * The primitives against kafka-clients' own {@link ByteUtils}, the flexible encodings, tagged-field
 * skipping, and the error values the decoder produces for the cases a broker must tell apart.
 */
class KafkaReaderWriterTest {

    @Property
    void varintsMatchKafka(@ForAll int value, @ForAll long wide) throws KafkaCodecException {
        ByteBuffer kafka = ByteBuffer.allocate(64);
        ByteUtils.writeVarint(value, kafka);
        ByteUtils.writeUnsignedVarint(value, kafka);
        ByteUtils.writeVarlong(wide, kafka);
        ByteBuf ours = Unpooled.buffer();
        KafkaWriter w = new KafkaWriter(ours, false);
        w.writeVarint(value);
        w.writeUnsignedVarint(value);
        w.writeVarlong(wide);
        assertArrayEquals(bytes(kafka.flip()), bytes(ours.duplicate()));

        KafkaReader r = new KafkaReader(ours, 0, false);
        assertEquals(value, r.readVarint("a"));
        assertEquals(value, r.readUnsignedVarint("b"));
        assertEquals(wide, r.readVarlong("c"));
        assertEquals(0, r.remaining());
    }

    @Property
    void flexibleAndClassicEncodingsRoundTrip(
            @ForAll @CharRange(from = '\u0000', to = '\ud7ff') @StringLength(max = 300) String text,
            @ForAll byte[] data, @ForAll boolean flexible, @ForAll int first, @ForAll int second,
            @ForAll long msb, @ForAll long lsb) throws KafkaCodecException {
        List<Integer> ints = List.of(first, second);
        ByteBuf buf = Unpooled.buffer();
        KafkaWriter w = new KafkaWriter(buf, flexible);
        w.writeString(text);
        w.writeNullableString(null);
        w.writeBytes(data);
        w.writeNullableBytes(null);
        w.writeInt32Array(ints);
        w.writeUuid(new UUID(msb, lsb));
        w.writeUint32(0xffff_fffeL);
        w.writeEmptyTaggedFields();

        KafkaReader r = new KafkaReader(buf, Integer.MAX_VALUE, flexible);
        assertEquals(text, r.readString("s"));
        assertNull(r.readNullableString("n"));
        assertArrayEquals(data, r.readBytes("b"));
        assertNull(r.readNullableBytes("nb"));
        assertEquals(ints, r.readInt32Array("i"));
        assertEquals(new UUID(msb, lsb), r.readUuid("u"));
        assertEquals(0xffff_fffeL, r.readUint32("u32"));
        r.readTaggedFields();
        assertEquals(0, r.remaining());
    }

    @Test
    void unknownTaggedFieldsAreSkippedAndMustAscend() throws KafkaCodecException {
        ByteBuf tags = Unpooled.buffer().writeByte(2).writeByte(0).writeByte(3).writeBytes(new byte[3])
                .writeByte(5).writeByte(1).writeByte(9).writeByte(42);
        KafkaReader r = new KafkaReader(tags, 100, true);
        r.readTaggedFields();
        assertEquals(42, r.readInt8("after"));

        ByteBuf descending = Unpooled.buffer().writeByte(2).writeByte(5).writeByte(0).writeByte(1).writeByte(0);
        KafkaCodecException e = assertThrows(KafkaCodecException.class,
                () -> new KafkaReader(descending, 100, true).readTaggedFields());
        assertEquals("taggedFields.tag", e.path());
    }

    @Test
    void errorsNameTheFieldThatFailed() {
        ByteBuf produce = Unpooled.buffer().writeShort(ApiKey.PRODUCE.id()).writeShort(7).writeInt(1).writeShort(-1)
                .writeShort(-1).writeShort(1).writeInt(1000)
                .writeInt(1).writeShort(1).writeByte('t')
                .writeInt(1).writeInt(0).writeInt(500).writeBytes(new byte[10]);
        KafkaCodecException e = assertThrows(KafkaCodecException.class,
                () -> KafkaCodec.decodeRequest(produce, Integer.MAX_VALUE));
        assertEquals("ProduceRequest v7.topicData[0].partitionData[0].records", e.path());
        assertTrue(e.problem().contains("500"), e.problem());
    }

    @Test
    void lengthsAboveTheLimitAreRejected() {
        ByteBuf join = Unpooled.buffer().writeShort(ApiKey.FIND_COORDINATOR.id()).writeShort(0).writeInt(1)
                .writeShort(-1).writeShort(5).writeBytes("group".getBytes());
        KafkaCodecException e = assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(join, 4));
        assertEquals("FindCoordinatorRequest v0.key", e.path());
    }

    @Test
    void unknownKeysAndUnsupportedVersionsFailButATooNewApiVersionsIsAnswered() throws KafkaCodecException {
        KafkaCodecException unknown = assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(
                Unpooled.buffer().writeShort(99).writeShort(0).writeInt(1).writeShort(-1), 100));
        assertEquals("requestApiKey", unknown.path());
        KafkaCodecException tooNew = assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(
                Unpooled.buffer().writeShort(ApiKey.PRODUCE.id()).writeShort(8).writeInt(1).writeShort(-1), 100));
        assertEquals("requestApiVersion", tooNew.path());

        ByteBuf apiVersions = Unpooled.buffer().writeShort(ApiKey.API_VERSIONS.id()).writeShort(9).writeInt(77)
                .writeShort(-1).writeByte(0).writeBytes(new byte[] {1, 2, 3});
        KafkaRequestFrame frame = KafkaCodec.decodeRequest(apiVersions, 100);
        assertInstanceOf(ApiVersions.UnsupportedVersionRequest.class, frame.request());

        ApiVersions.ApiVersion own = new ApiVersions.ApiVersion(ApiKey.API_VERSIONS.id(),
                ApiKey.API_VERSIONS.versionMin(), ApiKey.API_VERSIONS.versionMax());
        ByteBuf out = Unpooled.buffer();
        KafkaCodec.encodeResponse(frame.header(), new ApiVersions.Response((short) 35, List.of(own), 0), out);
        out.skipBytes(KafkaCodec.SIZE_PREFIX_BYTES);
        assertEquals(77, out.readInt());
        ApiVersionsResponseData kafka = new ApiVersionsResponseData(
                new ByteBufferAccessor(out.nioBuffer()), (short) 0);
        assertEquals(35, kafka.errorCode());
        assertEquals(4, kafka.apiKeys().find(ApiKey.API_VERSIONS.id()).maxVersion());
    }

    @Test
    void advertisedVersionsListEveryKeyOnce() {
        List<ApiVersions.ApiVersion> advertised = ApiVersions.advertised();
        assertEquals(ApiKey.values().length, advertised.size());
        assertEquals(ApiKey.values().length, advertised.stream().map(ApiVersions.ApiVersion::apiKey).distinct().count());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static byte[] bytes(ByteBuf buffer) {
        byte[] out = new byte[buffer.readableBytes()];
        buffer.readBytes(out);
        return out;
    }
}
