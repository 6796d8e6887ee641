package zoolog.broker.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import zoolog.protocol.kafka.KafkaError;

class ProducerStateTableTest {

    private static final long PID = 7;

    private static BatchSequence batch(int epoch, int first, int count) {
        return BatchSequence.of(PID, (short) epoch, first, count - 1);
    }

    /** Appends {@code batch} at the table's next offset if it says so; returns the verdict. */
    private static SequenceVerdict offer(ProducerStateTable table, BatchSequence batch, long[] nextOffset) {
        SequenceVerdict verdict = table.check(batch);
        if (verdict instanceof SequenceVerdict.Append) {
            int records = batch.lastSequence() - batch.firstSequence() + 1;
            table.recordAppend(batch, nextOffset[0], nextOffset[0] + records - 1, -1, 0);
            nextOffset[0] += records;
        }
        return verdict;
    }

    @Test
    void sequenceRules() {
        ProducerStateTable table = new ProducerStateTable();
        long[] next = {100};
        assertTrue(offer(table, batch(0, 0, 3), next) instanceof SequenceVerdict.Append);
        for (int i = 1; i <= 5; i++) {
            offer(table, batch(0, 3 * i, 3), next);
        }
        SequenceVerdict retry = table.check(batch(0, 9, 3));
        assertEquals(new SequenceVerdict.Duplicate(109, 111, -1), retry, "a retried batch gets its first offsets");
        assertEquals(new SequenceVerdict.Reject(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER), table.check(batch(0, 0, 3)),
                "older than the last five batches");
        assertEquals(new SequenceVerdict.Reject(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER), table.check(batch(0, 21, 3)),
                "a gap");
        assertEquals(new SequenceVerdict.Reject(KafkaError.OUT_OF_ORDER_SEQUENCE_NUMBER), table.check(batch(1, 5, 1)),
                "a new epoch starts at 0");
        assertTrue(offer(table, batch(1, 0, 1), next) instanceof SequenceVerdict.Append);
        assertEquals(new SequenceVerdict.Reject(KafkaError.INVALID_PRODUCER_EPOCH), table.check(batch(0, 18, 1)),
                "the old epoch is fenced");
        assertTrue(table.check(BatchSequence.of(99, (short) 0, 500, 0)) instanceof SequenceVerdict.Append,
                "an unknown producer may start anywhere");
        assertTrue(table.check(BatchSequence.of(-1, (short) -1, -1, 4)) instanceof SequenceVerdict.Append);
    }

    @Test
    void sequencesWrapAtIntMax() {
        ProducerStateTable table = new ProducerStateTable();
        long[] next = {0};
        offer(table, BatchSequence.of(PID, (short) 0, Integer.MAX_VALUE - 1, 1), next);
        assertEquals(Integer.MAX_VALUE, BatchSequence.of(PID, (short) 0, Integer.MAX_VALUE - 1, 1).lastSequence());
        assertEquals(1, BatchSequence.of(PID, (short) 0, Integer.MAX_VALUE, 2).lastSequence());
        assertTrue(offer(table, batch(0, 0, 2), next) instanceof SequenceVerdict.Append);
    }

    @Test
    void snapshotRoundTripAndTruncation() throws Exception {
        ProducerStateTable table = new ProducerStateTable();
        long[] next = {0};
        offer(table, batch(0, 0, 2), next);
        offer(table, batch(0, 2, 2), next);
        ProducerStateTable.Restored restored = ProducerStateTable.restore(table.snapshot(4));
        assertEquals(4, restored.coveredUpToOffset());
        assertEquals(new SequenceVerdict.Duplicate(2, 3, -1), restored.table().check(batch(0, 2, 2)));
        restored.table().truncateTo(2);
        assertTrue(restored.table().check(batch(0, 2, 2)) instanceof SequenceVerdict.Append,
                "after truncation the batch is new again");
        restored.table().onLogStartOffset(100);
        assertEquals(0, restored.table().producerCount());
    }

    /**
     * A producer that sends batches in order but retries random earlier in-flight ones (as a
     * client does after a lost response): every record is stored exactly once, in order.
     */
    @Property(tries = 300)
    void retriesNeverDuplicateAndNeverSkip(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 4) Integer> retries,
                                           @ForAll @Size(min = 60, max = 60) List<@IntRange(min = 1, max = 5) Integer> sizes) {
        ProducerStateTable table = new ProducerStateTable();
        long[] next = {0};
        List<BatchSequence> sent = new ArrayList<>();
        int sequence = 0;
        for (int i = 0; i < retries.size(); i++) {
            BatchSequence fresh = batch(0, sequence, sizes.get(i));
            sequence += sizes.get(i);
            sent.add(fresh);
            assertTrue(offer(table, fresh, next) instanceof SequenceVerdict.Append);
            int back = retries.get(i);
            if (back > 0 && back <= sent.size()) {
                BatchSequence again = sent.get(sent.size() - back);
                assertTrue(offer(table, again, next) instanceof SequenceVerdict.Duplicate, "retry of " + again);
            }
        }
        assertEquals(sequence, next[0], "every record stored once");
    }
}
