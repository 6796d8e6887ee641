package zoolog.broker.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The byte format of committed offsets in {@code BrokerStateDb}'s GROUP_OFFSETS column family.
 * Pure functions, any thread.
 *
 * <pre>
 * key   = groupLength u16, group UTF-8, topicLength u16, topic UTF-8, partition i32 (big-endian)
 * value = version u8 (0), offset i64, leaderEpoch i32, commitTimestampMillis i64,
 *         metadataLength i32, metadata UTF-8
 * </pre>
 * Keys sort by group, then topic, then partition (for non-negative partitions), so one group's
 * offsets are one RocksDB range. A value of an unknown version or a malformed key decodes to
 * empty, and the loader skips it rather than failing the broker's start.
 */
final class OffsetCodec {

    static final byte VALUE_VERSION = 0;

    private OffsetCodec() {}

    static byte[] encodeKey(OffsetKey key) {
        byte[] group = key.groupId().getBytes(StandardCharsets.UTF_8);
        byte[] topic = key.topic().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(2 + group.length + 2 + topic.length + 4);
        buf.putShort((short) group.length).put(group).putShort((short) topic.length).put(topic)
                .putInt(key.partition());
        return buf.array();
    }

    static Optional<OffsetKey> decodeKey(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            String group = readString(buf, Short.toUnsignedInt(buf.getShort()));
            String topic = readString(buf, Short.toUnsignedInt(buf.getShort()));
            int partition = buf.getInt();
            return buf.hasRemaining() ? Optional.empty() : Optional.of(new OffsetKey(group, topic, partition));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] encodeValue(CommittedOffset value) {
        byte[] metadata = value.metadata().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(1 + 8 + 4 + 8 + 4 + metadata.length);
        buf.put(VALUE_VERSION).putLong(value.offset()).putInt(value.leaderEpoch())
                .putLong(value.commitTimestampMillis()).putInt(metadata.length).put(metadata);
        return buf.array();
    }

    static Optional<CommittedOffset> decodeValue(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            if (buf.get() != VALUE_VERSION) {
                return Optional.empty();
            }
            long offset = buf.getLong();
            int leaderEpoch = buf.getInt();
            long commitTimestampMillis = buf.getLong();
            String metadata = readString(buf, buf.getInt());
            return buf.hasRemaining() ? Optional.empty()
                    : Optional.of(new CommittedOffset(offset, leaderEpoch, metadata, commitTimestampMillis));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String readString(ByteBuffer buf, int length) {
        if (length < 0 || length > buf.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
