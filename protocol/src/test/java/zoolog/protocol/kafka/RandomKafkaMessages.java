package zoolog.protocol.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.types.BoundField;
import org.apache.kafka.common.protocol.types.Schema;
import org.apache.kafka.common.protocol.types.Struct;
import org.apache.kafka.common.protocol.types.TaggedFields;
import org.apache.kafka.common.protocol.types.Type;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Valid Kafka message bodies with random contents, written by kafka-clients' own per-version
 * {@link Schema}s — so every field of every version is covered without a hand-written example,
 * and the bytes are Kafka's, not ours. Tagged-field sections are always empty, since Zoolog
 * neither reads nor writes a tagged field in its versions.
 */
final class RandomKafkaMessages {

    private static final String[] ALPHABET = {"a", "b", "z", "0", "-", ".", "é", "日", "🙂"};

    private RandomKafkaMessages() {}

    static ByteBuffer requestBody(ApiKey key, short version, Random random) {
        return write(ApiMessageType.fromApiKey(key.id()).requestSchemas()[version], random);
    }

    static ByteBuffer responseBody(ApiKey key, short version, Random random) {
        return write(ApiMessageType.fromApiKey(key.id()).responseSchemas()[version], random);
    }

    /** A whole request frame without its size prefix: Kafka's request header, then a random body. */
    static byte[] requestFrame(ApiKey key, short version, int correlationId, String clientId, Random random) {
        short headerVersion = ApiMessageType.fromApiKey(key.id()).requestHeaderVersion(version);
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(key.id())
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId(clientId);
        ByteBuffer headerBytes = MessageUtil.toByteBuffer(header, headerVersion);
        ByteBuffer body = requestBody(key, version, random);
        byte[] frame = new byte[headerBytes.remaining() + body.remaining()];
        headerBytes.get(frame, 0, headerBytes.remaining());
        body.get(frame, frame.length - body.remaining(), body.remaining());
        return frame;
    }

    static String string(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    private static ByteBuffer write(Schema schema, Random random) {
        Struct struct = struct(schema, random);
        ByteBuffer buffer = ByteBuffer.allocate(schema.sizeOf(struct));
        schema.write(buffer, struct);
        return buffer.flip();
    }

    private static Struct struct(Schema schema, Random random) {
        Struct struct = new Struct(schema);
        for (BoundField field : schema.fields()) {
            struct.set(field.def.name, value(field.def.type, random));
        }
        return struct;
    }

    private static Object value(Type type, Random random) {
        if (type instanceof Schema schema) {
            return struct(schema, random);
        }
        if (type instanceof TaggedFields) {
            return new TreeMap<Integer, Object>();
        }
        if (type.isNullable() && random.nextInt(5) == 0) {
            return null;
        }
        if (type.isArray()) {
            Object[] elements = new Object[random.nextInt(4)];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = value(type.arrayElementType().orElseThrow(), random);
            }
            return elements;
        }
        if (type == Type.BOOLEAN) {
            return random.nextBoolean();
        }
        if (type == Type.INT8) {
            return (byte) random.nextInt();
        }
        if (type == Type.INT16) {
            return (short) random.nextInt();
        }
        if (type == Type.INT32) {
            return random.nextInt();
        }
        if (type == Type.INT64) {
            return random.nextLong();
        }
        if (type == Type.UUID) {
            return new Uuid(random.nextLong(), random.nextLong());
        }
        if (type == Type.STRING || type == Type.NULLABLE_STRING
                || type == Type.COMPACT_STRING || type == Type.COMPACT_NULLABLE_STRING) {
            return string(random);
        }
        if (type == Type.BYTES || type == Type.NULLABLE_BYTES
                || type == Type.COMPACT_BYTES || type == Type.COMPACT_NULLABLE_BYTES) {
            return ByteBuffer.wrap(string(random).getBytes(StandardCharsets.UTF_8));
        }
        if (type == Type.RECORDS || type == Type.COMPACT_RECORDS) {
            return MemoryRecords.readableRecords(ByteBuffer.wrap(string(random).getBytes(StandardCharsets.UTF_8)));
        }
        throw new IllegalArgumentException("no generator for Kafka type " + type);
    }
}
