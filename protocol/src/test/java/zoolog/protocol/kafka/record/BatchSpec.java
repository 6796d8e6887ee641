package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A batch described as plain values, built with {@link RecordBatchBuilder} and by the official
 * client, so tests can compare the two and check what decoding gives back. Also holds the jqwik
 * generators for such descriptions.
 */
record BatchSpec(long producerId, short producerEpoch, int baseSequence, boolean transactional,
                 int partitionLeaderEpoch, List<Record> records) {

    static final int BATCH_BYTES_MAX = 1 << 20;

    ByteBuffer build() {
        RecordBatchBuilder builder = new RecordBatchBuilder(BATCH_BYTES_MAX)
                .producer(producerId, producerEpoch, baseSequence)
                .transactional(transactional)
                .partitionLeaderEpoch(partitionLeaderEpoch);
        for (Record record : records) {
            builder.addRecord(record.timestamp(), record.key(), record.value(),
                    record.headers().toArray(RecordHeader[]::new));
        }
        return builder.build();
    }

    static Arbitrary<BatchSpec> batches() {
        Arbitrary<Long> producerIds = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(-1L)),
                Tuple.of(2, Arbitraries.longs().between(0, Long.MAX_VALUE)));
        return Combinators.combine(producerIds, Arbitraries.shorts().between((short) 0, Short.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.of(true, false),
                        Arbitraries.integers().between(-1, 1000), recordValues().list().ofMinSize(1).ofMaxSize(12))
                .as((pid, epoch, sequence, transactional, leaderEpoch, records) -> pid < 0
                        ? new BatchSpec(-1L, (short) -1, -1, false, leaderEpoch, withOffsets(records))
                        : new BatchSpec(pid, epoch, sequence, transactional, leaderEpoch, withOffsets(records)));
    }

    private static Arbitrary<Record> recordValues() {
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofMaxSize(24).injectNull(0.2);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.1);
        Arbitrary<RecordHeader> headers = Combinators.combine(
                Arbitraries.strings().alpha().ofMaxLength(10),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).injectNull(0.2)).as(RecordHeader::new);
        return Combinators.combine(Arbitraries.longs().between(1_600_000_000_000L, 1_800_000_000_000L), keys, values,
                headers.list().ofMaxSize(3)).as((timestamp, key, value, headerList) ->
                new Record(0, timestamp, key, value, headerList));
    }

    private static List<Record> withOffsets(List<Record> records) {
        return IntStream.range(0, records.size())
                .mapToObj(i -> {
                    Record r = records.get(i);
                    return new Record(i, r.timestamp(), r.key(), r.value(), r.headers());
                })
                .toList();
    }
}
