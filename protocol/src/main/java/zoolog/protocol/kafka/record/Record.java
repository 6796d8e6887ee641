package zoolog.protocol.kafka.record;

import java.util.Arrays;
import java.util.List;

/**
 * One record decoded from an uncompressed batch, with its absolute offset and timestamp resolved
 * against the batch header (for LogAppendTime batches every record carries the batch's
 * maxTimestamp). Copies its bytes, so it outlives the buffer; meant for tests, tools and the
 * broker's own internal topics, not for the produce/fetch hot path, which moves whole batches.
 */
public record Record(long offset, long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {

    public Record {
        key = key == null ? null : key.clone();
        value = value == null ? null : value.clone();
        headers = List.copyOf(headers);
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record that && offset == that.offset && timestamp == that.timestamp
                && Arrays.equals(key, that.key) && Arrays.equals(value, that.value) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", key=" + Arrays.toString(key)
                + ", value=" + (value == null ? "null" : value.length + " bytes") + ", headers=" + headers + ")";
    }
}
