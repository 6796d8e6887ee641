package zoolog.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import zoolog.protocol.jute.JuteException;
import zoolog.protocol.zk.Acl;
import zoolog.protocol.zk.DecodedRequest;
import zoolog.protocol.zk.OpCode;
import zoolog.protocol.zk.Stat;
import zoolog.protocol.zk.ZkCodec;
import zoolog.protocol.zk.ZkRequest;
import zoolog.protocol.zk.ZkResponse;

/**
 * Cost of the ZooKeeper wire codec on the server's hot path: decoding the three most common
 * requests (getData, a 1 KB setData, create) and encoding a getData reply with 1 KB of data and a
 * Stat. Buffers are pooled direct buffers, as the Netty event loop hands them out; each benchmark
 * rewinds its frame instead of copying it, so only the codec's own work is measured. One JMH
 * thread owns each state instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBench {

    /** ZooKeeper's default jute.maxbuffer. */
    private static final int LENGTH_MAX = 0xfffff;
    private static final int DATA_BYTES = 1024;
    private static final String PATH = "/zoolog/bench/workers/worker-0000000042";

    private final PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private ByteBuf getDataFrame;
    private ByteBuf setDataFrame;
    private ByteBuf createFrame;
    private ByteBuf replyOut;
    private ZkResponse.GetData getDataReply;

    @Setup
    public void setUp() {
        byte[] data = new byte[DATA_BYTES];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        getDataFrame = frameOf(new ZkRequest.GetData(PATH, true));
        setDataFrame = frameOf(new ZkRequest.SetData(PATH, data, 7));
        createFrame = frameOf(new ZkRequest.Create(OpCode.CREATE, PATH + "/lock-", new byte[16],
                Acl.OPEN_ACL_UNSAFE, 3, -1));
        Stat stat = new Stat(0x1_0000_0010L, 0x1_0000_0042L, 1_700_000_000_000L, 1_700_000_100_000L, 7, 0, 0, 0,
                DATA_BYTES, 0, 0x1_0000_0010L);
        getDataReply = new ZkResponse.GetData(data, stat);
        replyOut = allocator.directBuffer(2 * DATA_BYTES);
    }

    @TearDown
    public void tearDown() {
        getDataFrame.release();
        setDataFrame.release();
        createFrame.release();
        replyOut.release();
    }

    @Benchmark
    public DecodedRequest decodeGetData() throws JuteException {
        return decode(getDataFrame);
    }

    @Benchmark
    public DecodedRequest decodeSetData1KB() throws JuteException {
        return decode(setDataFrame);
    }

    @Benchmark
    public DecodedRequest decodeCreate() throws JuteException {
        return decode(createFrame);
    }

    @Benchmark
    public int encodeGetDataReply1KB() {
        replyOut.clear();
        ZkCodec.encodeReply(42, 0x1_0000_0042L, 0, getDataReply, replyOut);
        return replyOut.writerIndex();
    }

    private static DecodedRequest decode(ByteBuf frame) throws JuteException {
        frame.readerIndex(0);
        return ZkCodec.decodeRequest(frame, LENGTH_MAX);
    }

    /** A pooled direct buffer holding one request frame without its length prefix. */
    private ByteBuf frameOf(ZkRequest request) {
        ByteBuf framed = allocator.directBuffer();
        ZkCodec.encodeRequest(1, request, framed);
        ByteBuf frame = allocator.directBuffer(framed.readableBytes() - ZkCodec.LENGTH_PREFIX_BYTES);
        frame.writeBytes(framed, ZkCodec.LENGTH_PREFIX_BYTES, framed.readableBytes() - ZkCodec.LENGTH_PREFIX_BYTES);
        framed.release();
        return frame;
    }
}
