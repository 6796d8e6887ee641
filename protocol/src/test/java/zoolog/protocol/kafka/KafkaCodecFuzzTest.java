package zoolog.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for the request decoder: random bytes, random bodies behind a valid header for
 * every supported API and version, and valid frames (written by kafka-clients) with bytes, lengths
 * or counts corrupted or cut short. Decoding may only succeed or fail with
 * {@link KafkaCodecException} — never IndexOutOfBounds, NegativeArraySize or OutOfMemoryError —
 * and the bytes it allocates stay proportional to the frame, whatever the lengths inside claim.
 */
class KafkaCodecFuzzTest {

    /** The values that break naive decoders when they land on a length or count. */
    private static final int[] NASTY_INTS = {
        -2, -1, 0, 1, 0x7f, 0xff, 0x7fff, 0xffff, 0x100000, 0x7ffffff0, Integer.MAX_VALUE, Integer.MIN_VALUE
    };
    /** Allocation allowed per frame byte: decoded objects are bigger than their wire form. */
    private static final long ALLOCATED_BYTES_PER_FRAME_BYTE_MAX = 64;
    /** Fixed allocation allowed per decode (reader, exception, header record). */
    private static final long ALLOCATED_BYTES_FIXED_MAX = 64 * 1024;

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One corruption of an encoded frame: overwrite a byte, overwrite an int, or cut the frame. */
    record Mutation(int kind, int position, int value) {
        void applyTo(ByteBuf frame) {
            int length = frame.readableBytes();
            if (length == 0) {
                return;
            }
            int at = Math.floorMod(position, length);
            switch (kind) {
                case 0 -> frame.setByte(at, value);
                case 1 -> {
                    if (at + 4 <= length) {
                        frame.setInt(at, NASTY_INTS[Math.floorMod(value, NASTY_INTS.length)]);
                    }
                }
                case 2 -> {
                    if (at + 2 <= length) {
                        frame.setShort(at, NASTY_INTS[Math.floorMod(value, NASTY_INTS.length)]);
                    }
                }
                default -> frame.writerIndex(frame.readerIndex() + at);
            }
        }
    }

    record Version(ApiKey key, short version) {}

    @Property(tries = 2000)
    void randomBytesOnlyFailWithCodecException(@ForAll @Size(max = 300) byte[] bytes,
            @ForAll("lengthMaxes") int lengthMax) {
        decodeSafely(bytes, lengthMax);
    }

    @Property(tries = 3000)
    void randomBodiesBehindAValidHeaderOnlyFailWithCodecException(@ForAll("versions") Version v,
            @ForAll @Size(max = 200) byte[] body, @ForAll("lengthMaxes") int lengthMax) {
        ByteBuf frame = Unpooled.buffer().writeShort(v.key().id()).writeShort(v.version()).writeInt(1).writeShort(-1);
        if (v.key().isFlexible(v.version())) {
            frame.writeByte(0);
        }
        frame.writeBytes(body);
        decodeSafely(toArray(frame), lengthMax);
    }

    @Property(tries = 3000)
    void mutatedValidFramesOnlyFailWithCodecException(@ForAll("versions") Version v, @ForAll long seed,
            @ForAll("mutations") List<Mutation> mutations, @ForAll("lengthMaxes") int lengthMax) {
        byte[] valid = RandomKafkaMessages.requestFrame(v.key(), v.version(), 1, "client", new Random(seed));
        ByteBuf frame = Unpooled.wrappedBuffer(valid);
        for (Mutation mutation : mutations) {
            mutation.applyTo(frame);
        }
        decodeSafely(toArray(frame), lengthMax);
    }

    @Property(tries = 500)
    void everyStrictPrefixOfAValidFrameIsRejected(@ForAll("versions") Version v, @ForAll long seed) {
        byte[] valid = RandomKafkaMessages.requestFrame(v.key(), v.version(), 1, "client", new Random(seed));
        for (int length = 0; length < valid.length; length++) {
            ByteBuf prefix = Unpooled.wrappedBuffer(valid, 0, length);
            assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(prefix, Integer.MAX_VALUE),
                    () -> v + " accepted a prefix of " + prefix.readableBytes() + " bytes");
        }
    }

    @Test
    void hugeCountsAndLengthsAreRejectedBeforeAllocating() {
        for (int claimed : new int[] {Integer.MAX_VALUE, 0x7ffffff0, 1 << 24}) {
            ByteBuf topics = Unpooled.buffer().writeShort(ApiKey.METADATA.id()).writeShort(1).writeInt(1)
                    .writeShort(-1).writeInt(claimed);
            assertRejectedCheaply(topics);
            ByteBuf metadata = Unpooled.buffer().writeShort(ApiKey.JOIN_GROUP.id()).writeShort(0).writeInt(1)
                    .writeShort(-1).writeShort(1).writeByte('g').writeInt(1000).writeShort(0).writeShort(0)
                    .writeInt(1).writeShort(1).writeByte('p').writeInt(claimed);
            assertRejectedCheaply(metadata);
        }
    }

    private static void assertRejectedCheaply(ByteBuf frame) {
        assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(frame.duplicate(), Integer.MAX_VALUE));
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThrows(KafkaCodecException.class, () -> KafkaCodec.decodeRequest(frame, Integer.MAX_VALUE));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATED_BYTES_FIXED_MAX, "allocated " + allocated + " bytes");
    }

    /**
     * Decodes twice and measures the second run, so that loading and initialising classes on a
     * first use (lambdas, records) is not counted against the decoder.
     */
    private static void decodeSafely(byte[] bytes, int lengthMax) {
        decodeOnce(bytes, lengthMax);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decodeOnce(bytes, lengthMax);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long allowed = ALLOCATED_BYTES_FIXED_MAX + ALLOCATED_BYTES_PER_FRAME_BYTE_MAX * bytes.length;
        assertTrue(allocated <= allowed, "decoding " + bytes.length + " bytes allocated " + allocated);
    }

    private static void decodeOnce(byte[] bytes, int lengthMax) {
        try {
            KafkaCodec.decodeRequest(Unpooled.wrappedBuffer(bytes), lengthMax);
        } catch (KafkaCodecException expected) {
            assertTrue(!expected.path().isEmpty() && !expected.problem().isEmpty(), expected::getMessage);
        }
    }

    private static byte[] toArray(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), bytes);
        return bytes;
    }

    @Provide
    Arbitrary<Integer> lengthMaxes() {
        return Arbitraries.of(0, 3, 64, 1 << 20, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<Version> versions() {
        return Arbitraries.of(ApiKey.values()).flatMap(key -> Arbitraries.shorts()
                .between(key.versionMin(), key.versionMax()).map(v -> new Version(key, v)));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers(), Arbitraries.integers())
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
