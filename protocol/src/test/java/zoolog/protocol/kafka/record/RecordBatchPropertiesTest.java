package zoolog.protocol.kafka.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of batches built by {@link RecordBatchBuilder}: they validate and decode to what was
 * put in, the broker's in-place rewrites keep them valid, and any single damaged byte after the
 * fields the CRC deliberately leaves out (baseOffset, partitionLeaderEpoch) is caught.
 */
class RecordBatchPropertiesTest {

    @Property(tries = 300)
    void builtBatchesValidateAndRoundTrip(@ForAll("batches") BatchSpec spec) {
        ByteBuffer buffer = spec.build();
        RecordBatch batch = RecordBatch.at(buffer, 0);

        assertEquals(RecordError.NONE, RecordBatchValidator.validate(batch, buffer.remaining()));
        assertEquals(RecordError.NONE, RecordBatchValidator.validateProducerBatch(buffer, buffer.remaining()));
        assertEquals(spec.records(), RecordReader.decode(batch));
        assertEquals(spec.records().size(), batch.recordsCount());
        assertEquals(spec.producerId(), batch.producerId());
        assertEquals(spec.baseSequence(), batch.baseSequence());
        assertEquals(spec.transactional(), batch.isTransactional());
        assertEquals(spec.partitionLeaderEpoch(), batch.partitionLeaderEpoch());
        assertEquals(spec.records().stream().mapToLong(Record::timestamp).max().orElseThrow(), batch.maxTimestamp());
    }

    @Property(tries = 200)
    void brokerRewritesKeepTheBatchValid(@ForAll("batches") BatchSpec spec, @ForAll long baseOffset,
                                         @ForAll int leaderEpoch, @ForAll long appendTime) {
        ByteBuffer buffer = spec.build();
        RecordBatch batch = RecordBatch.at(buffer, 0);
        long crcBefore = batch.crc();

        batch.setBaseOffset(baseOffset);
        batch.setPartitionLeaderEpoch(leaderEpoch);
        assertEquals(crcBefore, batch.crc(), "baseOffset and partitionLeaderEpoch are outside the CRC");
        batch.setLogAppendTime(appendTime);

        assertEquals(RecordError.NONE, RecordBatchValidator.validate(batch, buffer.remaining()));
        assertEquals(baseOffset, batch.baseOffset());
        assertEquals(leaderEpoch, batch.partitionLeaderEpoch());
        assertEquals(TimestampType.LOG_APPEND_TIME, batch.timestampType());
        assertEquals(appendTime, batch.maxTimestamp());
        RecordReader.decode(batch).forEach(record -> assertEquals(appendTime, record.timestamp()));
    }

    @Property(tries = 500)
    void anySingleByteCorruptionAfterTheLeaderEpochIsDetected(@ForAll("batches") BatchSpec spec,
                                                              @ForAll("fractions") double where,
                                                              @ForAll("nonZeroBytes") byte flip) {
        ByteBuffer buffer = spec.build();
        int from = RecordBatch.MAGIC_OFFSET;
        int index = from + (int) (where * (buffer.remaining() - from));
        buffer.put(index, (byte) (buffer.get(index) ^ flip));

        assertNotEquals(RecordError.NONE, RecordBatchValidator.validate(RecordBatch.at(buffer, 0), buffer.remaining()),
                "corruption at byte " + index);
    }

    @Property(tries = 200)
    void aTruncatedBatchIsCorrupt(@ForAll("batches") BatchSpec spec, @ForAll("fractions") double keep) {
        ByteBuffer buffer = spec.build();
        int available = (int) (keep * buffer.remaining());
        assertEquals(RecordError.CORRUPT_MESSAGE, RecordBatchValidator.validate(RecordBatch.at(buffer, 0), available));
    }

    @Property(tries = 100)
    void concatenatedBatchesValidateAsASet(@ForAll("batches") BatchSpec first, @ForAll("batches") BatchSpec second) {
        ByteBuffer a = first.build();
        ByteBuffer b = second.build();
        ByteBuffer both = ByteBuffer.allocate(a.remaining() + b.remaining()).put(a).put(b).flip();

        assertEquals(RecordError.NONE, RecordBatchValidator.validateBatches(both));
        assertEquals(RecordError.INVALID_RECORD, RecordBatchValidator.validateProducerBatch(both, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<BatchSpec> batches() {
        return BatchSpec.batches();
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, true, 1, false);
    }

    @Provide
    Arbitrary<Byte> nonZeroBytes() {
        return Arbitraries.bytes().filter(b -> b != 0);
    }
}
