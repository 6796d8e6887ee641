package zoolog.broker.partition;

import zoolog.protocol.kafka.KafkaError;

/**
 * What producing to one partition came to, in the terms of a Produce response: an error, or the
 * first offset assigned (for a duplicate batch, the offset it was first stored at), the
 * LogAppendTime stamped (-1 for CreateTime topics) and the log start offset afterwards.
 */
public record AppendOutcome(KafkaError error, long baseOffset, long logAppendTimeMs, long logStartOffset) {

    public static AppendOutcome failed(KafkaError error) {
        return new AppendOutcome(error, -1, -1, -1);
    }
}
