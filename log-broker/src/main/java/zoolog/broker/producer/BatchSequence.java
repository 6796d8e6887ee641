package zoolog.broker.producer;

/**
 * The idempotence fields of one batch: which producer (id and epoch) and which sequence numbers
 * its records carry, from {@code firstSequence} to {@code lastSequence}. Sequences wrap from
 * {@code Integer.MAX_VALUE} to 0, as Kafka's do.
 */
public record BatchSequence(long producerId, short producerEpoch, int firstSequence, int lastSequence) {

    /** From a v2 batch header: baseSequence and lastOffsetDelta give the range. */
    public static BatchSequence of(long producerId, short producerEpoch, int baseSequence, int lastOffsetDelta) {
        return new BatchSequence(producerId, producerEpoch, baseSequence, incrementSequence(baseSequence, lastOffsetDelta));
    }

    /** {@code sequence + increment}, wrapping past Integer.MAX_VALUE to 0. */
    static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }
}
