package zoolog.broker.producer;

import zoolog.protocol.kafka.KafkaError;

/** What the producer state says about a batch before it is appended. */
public sealed interface SequenceVerdict {

    /** Append it: the next batch in sequence, a new epoch starting at 0, or a producer without state. */
    record Append() implements SequenceVerdict {}

    /** A retry of a batch already stored: acknowledge it with the offsets it got the first time. */
    record Duplicate(long firstOffset, long lastOffset, long logAppendTimeMs) implements SequenceVerdict {}

    /** Refuse it: OUT_OF_ORDER_SEQUENCE_NUMBER or INVALID_PRODUCER_EPOCH. */
    record Reject(KafkaError error) implements SequenceVerdict {}

    SequenceVerdict APPEND = new Append();
}
