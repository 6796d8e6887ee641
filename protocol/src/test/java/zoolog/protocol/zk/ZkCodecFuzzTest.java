package zoolog.protocol.zk;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import zoolog.protocol.jute.JuteException;

/**
 * Hostile input: random bytes, random bodies behind a valid header, and valid frames with bytes,
 * lengths or counts corrupted or cut short. Decoders may fail only with {@link JuteException} —
 * never IndexOutOfBounds, NegativeArraySize or OutOfMemoryError — and every strict prefix of a
 * valid request must be rejected.
 */
class ZkCodecFuzzTest {

    /** The values that break naive decoders when they land on a length or count. */
    private static final int[] NASTY_INTS = {
        -2, -1, 0, 1, 0x7f, 0xff, 0x7fff, 0xfffff, 0x100000, 0x7ffffff0, Integer.MAX_VALUE, Integer.MIN_VALUE
    };

    private static final int[] ALL_OPCODES = {
        OpCode.NOTIFICATION, OpCode.CREATE, OpCode.DELETE, OpCode.EXISTS, OpCode.GET_DATA, OpCode.SET_DATA,
        OpCode.GET_ACL, OpCode.SET_ACL, OpCode.GET_CHILDREN, OpCode.SYNC, OpCode.PING, OpCode.GET_CHILDREN2,
        OpCode.CHECK, OpCode.MULTI, OpCode.CREATE2, OpCode.RECONFIG, OpCode.CHECK_WATCHES, OpCode.REMOVE_WATCHES,
        OpCode.CREATE_CONTAINER, OpCode.DELETE_CONTAINER, OpCode.CREATE_TTL, OpCode.MULTI_READ, OpCode.AUTH,
        OpCode.SET_WATCHES, OpCode.SASL, OpCode.GET_EPHEMERALS, OpCode.GET_ALL_CHILDREN_NUMBER,
        OpCode.SET_WATCHES2, OpCode.ADD_WATCH, OpCode.WHO_AM_I, OpCode.CREATE_SESSION, OpCode.CLOSE_SESSION,
        OpCode.ERROR, 10, 23, 1000
    };

    /** One corruption of an encoded frame: overwrite a byte, overwrite an int, or cut the frame. */
    record Mutation(int kind, int position, int value) {
        ByteBuf applyTo(ByteBuf frame) {
            int length = frame.readableBytes();
            if (length == 0) {
                return frame;
            }
            int at = Math.floorMod(position, length);
            switch (kind) {
                case 0 -> frame.setByte(at, value);
                case 1 -> {
                    if (at + 4 <= length) {
                        frame.setInt(at, NASTY_INTS[Math.floorMod(value, NASTY_INTS.length)]);
                    }
                }
                default -> frame.writerIndex(frame.readerIndex() + at);
            }
            return frame;
        }
    }

    @Property(tries = 1500)
    void randomBytesOnlyFailWithJuteException(@ForAll @Size(max = 200) byte[] bytes,
            @ForAll("lengthMaxes") int lengthMax) {
        decodeEverySide(bytes, lengthMax);
    }

    @Property(tries = 1500)
    void randomBodiesBehindAValidHeaderOnlyFailWithJuteException(@ForAll("opCodes") int opCode,
            @ForAll @Size(max = 120) byte[] body, @ForAll("lengthMaxes") int lengthMax) {
        ByteBuf request = Unpooled.buffer().writeInt(1).writeInt(opCode).writeBytes(body);
        onlyJuteException(() -> ZkCodec.decodeRequest(request, lengthMax));
        ByteBuf reply = Unpooled.buffer().writeInt(1).writeLong(1).writeInt(0).writeBytes(body);
        onlyJuteException(() -> ZkCodec.decodeReply(reply, opCode));
    }

    @Property(tries = 1500)
    void mutatedRequestsOnlyFailWithJuteException(@ForAll("requests") ZkRequest request,
            @ForAll("mutations") List<Mutation> mutations, @ForAll("lengthMaxes") int lengthMax) {
        ByteBuf frame = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeRequest(1, request, out));
        mutations.forEach(m -> m.applyTo(frame));
        onlyJuteException(() -> ZkCodec.decodeRequest(frame, lengthMax));
    }

    @Property
    void mutatedRepliesOnlyFailWithJuteException(@ForAll("responses") ZkResponse body,
            @ForAll("mutations") List<Mutation> mutations) {
        ByteBuf frame = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeReply(1, 1, 0, body, out));
        mutations.forEach(m -> m.applyTo(frame));
        onlyJuteException(() -> ZkCodec.decodeReply(frame, ZkArbitraries.requestOpCodeFor(body)));
    }

    @Property
    void mutatedConnectFramesOnlyFailWithJuteException(@ForAll("connectRequests") ConnectRequest request,
            @ForAll("connectResponses") ConnectResponse response, @ForAll("mutations") List<Mutation> mutations,
            @ForAll("lengthMaxes") int lengthMax) {
        ByteBuf requestFrame = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeConnectRequest(request, out));
        ByteBuf responseFrame = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeConnectResponse(response, out));
        mutations.forEach(m -> m.applyTo(requestFrame));
        mutations.forEach(m -> m.applyTo(responseFrame));
        onlyJuteException(() -> ZkCodec.decodeConnectRequest(requestFrame, lengthMax));
        onlyJuteException(() -> ZkCodec.decodeConnectResponse(responseFrame));
    }

    @Property
    void everyStrictPrefixOfARequestIsRejected(@ForAll("requests") ZkRequest request, @ForAll int cut) {
        ByteBuf frame = ZkCodecRoundTripTest.encodedFrame(out -> ZkCodec.encodeRequest(1, request, out));
        frame.writerIndex(frame.readerIndex() + Math.floorMod(cut, frame.readableBytes()));
        assertThrows(JuteException.class, () -> ZkCodec.decodeRequest(frame, 0xfffff));
    }

    private static void decodeEverySide(byte[] bytes, int lengthMax) {
        onlyJuteException(() -> ZkCodec.decodeConnectRequest(Unpooled.wrappedBuffer(bytes), lengthMax));
        onlyJuteException(() -> ZkCodec.decodeRequest(Unpooled.wrappedBuffer(bytes), lengthMax));
        onlyJuteException(() -> ZkCodec.decodeConnectResponse(Unpooled.wrappedBuffer(bytes)));
        onlyJuteException(() -> ZkCodec.decodeNotification(Unpooled.wrappedBuffer(bytes)));
        for (int opCode : ALL_OPCODES) {
            onlyJuteException(() -> ZkCodec.decodeReply(Unpooled.wrappedBuffer(bytes), opCode));
        }
    }

    private interface Decode {
        Object run() throws JuteException;
    }

    /** Runs a decode; a JuteException is an accepted outcome, anything else escapes and fails. */
    private static void onlyJuteException(Decode decode) {
        try {
            decode.run();
        } catch (JuteException expected) {
            // malformed input, reported the only permitted way
        }
    }

    @Provide
    Arbitrary<Integer> lengthMaxes() {
        return Arbitraries.of(0, 16, 0xfffff, Integer.MAX_VALUE);
    }

    @Provide
    Arbitrary<Integer> opCodes() {
        return Arbitraries.of(Arrays.stream(ALL_OPCODES).boxed().toList());
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers(), Arbitraries.integers())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<ZkRequest> requests() {
        return ZkArbitraries.requests();
    }

    @Provide
    Arbitrary<ZkResponse> responses() {
        return ZkArbitraries.responses();
    }

    @Provide
    Arbitrary<ConnectRequest> connectRequests() {
        return ZkArbitraries.connectRequests();
    }

    @Provide
    Arbitrary<ConnectResponse> connectResponses() {
        return ZkArbitraries.connectResponses();
    }
}
