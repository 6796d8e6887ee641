package zoolog.protocol.kafka.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.junit.jupiter.api.Test;

/**
 * The official client (kafka-clients 3.9) as ground truth: it builds byte-identical batches, it
 * accepts ours (CRC, records, the broker's LogAppendTime rewrite), and we accept its compressed
 * batches, whose records we do not parse.
 */
class OfficialRecordBatchCompatTest {

    private static final int BUFFER_BYTES = 1 << 20;

    @Property(tries = 200)
    void officialBuilderWritesTheSameBytes(@ForAll("batches") BatchSpec spec) {
        ByteBuffer official = officialBatch(spec, Compression.NONE);
        ByteBuffer ours = spec.build();

        assertEquals(official, ours);
    }

    @Property(tries = 100)
    void officialReaderAcceptsOurRewrittenBatches(@ForAll("batches") BatchSpec spec) {
        ByteBuffer ours = spec.build();
        RecordBatch batch = RecordBatch.at(ours, 0);
        batch.setBaseOffset(1_000);
        batch.setPartitionLeaderEpoch(7);
        batch.setLogAppendTime(1_700_000_000_123L);

        List<org.apache.kafka.common.record.RecordBatch> batches = new ArrayList<>();
        MemoryRecords.readableRecords(ours.duplicate()).batches().forEach(batches::add);
        assertEquals(1, batches.size());
        org.apache.kafka.common.record.RecordBatch official = batches.get(0);
        official.ensureValid();
        assertEquals(1_000, official.baseOffset());
        assertEquals(7, official.partitionLeaderEpoch());
        assertEquals(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME, official.timestampType());
        assertEquals(1_700_000_000_123L, official.maxTimestamp());
        int i = 0;
        for (org.apache.kafka.common.record.Record record : official) {
            Record expected = spec.records().get(i++);
            assertEquals(1_000 + expected.offset(), record.offset());
            assertEquals(1_700_000_000_123L, record.timestamp());
            assertArrayEquals(expected.value(), record.value() == null ? null : bytesOf(record.value()));
        }
        assertEquals(spec.records().size(), i);
    }

    @Property(tries = 50)
    void compressedOfficialBatchesValidateAndTheirCorruptionIsCaught(@ForAll("batches") BatchSpec spec) {
        ByteBuffer gzip = officialBatch(spec, Compression.gzip().build());
        RecordBatch batch = RecordBatch.at(gzip, 0);

        assertEquals(CompressionCodec.GZIP.id(), batch.compressionCodecId());
        assertEquals(RecordError.NONE, RecordBatchValidator.validateProducerBatch(gzip, BUFFER_BYTES));
        int last = gzip.limit() - 1;
        gzip.put(last, (byte) ~gzip.get(last));
        assertNotEquals(RecordError.NONE, RecordBatchValidator.validate(batch, gzip.remaining()));
    }

    @Test
    void crcMatchesTheOfficialChecksum() {
        BatchSpec spec = new BatchSpec(-1, (short) -1, -1, false, -1,
                List.of(new Record(0, 1_700_000_000_000L, "k".getBytes(), "v".getBytes(), List.of())));
        ByteBuffer official = officialBatch(spec, Compression.NONE);
        org.apache.kafka.common.record.RecordBatch officialBatch = MemoryRecords.readableRecords(official.duplicate())
                .batches().iterator().next();

        assertEquals(officialBatch.checksum(), RecordBatch.at(spec.build(), 0).computeCrc());
    }

    @Provide
    net.jqwik.api.Arbitrary<BatchSpec> batches() {
        return BatchSpec.batches();
    }

    private static ByteBuffer officialBatch(BatchSpec spec, Compression compression) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(BUFFER_BYTES),
                org.apache.kafka.common.record.RecordBatch.MAGIC_VALUE_V2, compression,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L,
                org.apache.kafka.common.record.RecordBatch.NO_TIMESTAMP, spec.producerId(), spec.producerEpoch(),
                spec.baseSequence(), spec.transactional(), spec.partitionLeaderEpoch());
        for (Record record : spec.records()) {
            Header[] headers = record.headers().stream()
                    .map(h -> new org.apache.kafka.common.header.internals.RecordHeader(h.key(), h.value()))
                    .toArray(Header[]::new);
            builder.append(record.timestamp(), record.key(), record.value(), headers);
        }
        return builder.build().buffer();
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
