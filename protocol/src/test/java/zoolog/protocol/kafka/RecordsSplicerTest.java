package zoolog.protocol.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsSplicerTest {

    /** Splicing two regions into a Fetch response yields exactly the bytes of copying them. */
    @Test
    void splicedFrameEqualsCopiedFrame() {
        byte[] first = "first-region-bytes".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        RequestHeader header = new RequestHeader(ApiKey.FETCH, (short) 11, 7, "c");

        ByteBuf copied = Unpooled.buffer();
        KafkaCodec.encodeResponse(header, fetchResponse(Unpooled.wrappedBuffer(first), Unpooled.wrappedBuffer(second)),
                copied);

        ByteBuf tokenA = Unpooled.buffer(0);
        ByteBuf tokenB = Unpooled.buffer(0);
        Map<ByteBuf, byte[]> regions = new IdentityHashMap<>();
        regions.put(tokenA, first);
        regions.put(tokenB, second);
        List<Integer> cuts = new ArrayList<>();
        List<byte[]> spliced = new ArrayList<>();
        RecordsSplicer splicer = new RecordsSplicer() {
            @Override
            public int splicedSize(ByteBuf records) {
                byte[] region = regions.get(records);
                return region == null ? -1 : region.length;
            }

            @Override
            public void splice(ByteBuf out, ByteBuf token) {
                cuts.add(out.writerIndex());
                spliced.add(regions.get(token));
            }
        };
        ByteBuf out = Unpooled.buffer();
        KafkaCodec.encodeResponse(header, fetchResponse(tokenA, tokenB), out, splicer);

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int from = 0;
        for (int i = 0; i < cuts.size(); i++) {
            wire.writeBytes(ByteBufUtil.getBytes(out, from, cuts.get(i) - from));
            wire.writeBytes(spliced.get(i));
            from = cuts.get(i);
        }
        wire.writeBytes(ByteBufUtil.getBytes(out, from, out.writerIndex() - from));
        assertArrayEquals(ByteBufUtil.getBytes(copied), wire.toByteArray());
    }

    private static Fetch.Response fetchResponse(ByteBuf p0, ByteBuf p1) {
        return new Fetch.Response(0, (short) 0, 0, List.of(new Fetch.FetchableTopicResponse("t", List.of(
                new Fetch.PartitionData(0, (short) 0, 5, 5, 0, List.of(), -1, p0),
                new Fetch.PartitionData(1, (short) 0, 9, 9, 0, null, -1, p1)))));
    }
}
