package zoolog.broker.partition;

import zoolog.broker.log.LogReadResult;
import zoolog.protocol.kafka.KafkaError;

/**
 * One partition's part of a Fetch response: the error, the offsets a consumer learns (high
 * watermark, last stable offset, log start offset) and the region of a segment file to send.
 * {@code records} is null when there is an error.
 */
public record ReadOutcome(KafkaError error, long highWatermark, long lastStableOffset, long logStartOffset,
                          LogReadResult records) {

    public static ReadOutcome failed(KafkaError error) {
        return new ReadOutcome(error, -1, -1, -1, null);
    }

    public int sizeInBytes() {
        return records == null ? 0 : records.sizeInBytes();
    }
}
