package zoolog.bench.jmh;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import zoolog.coord.store.CoordStore;
import zoolog.coord.store.StoreConfig;
import zoolog.coord.store.StoreException;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;

/**
 * Throughput of {@link CoordStore#write} of {@code AppendTxn} ops for 1 KB setData txns when every appender waits for its
 * txn to be durable, as a ZAB follower waits before acking: with one appender each append pays a
 * whole fsync, with 16 the writer's group commit lets one fsync cover up to 16 appends.
 * {@link #fsyncBaseline} measures the same disk's raw 1 KB write+fdatasync rate for comparison, both
 * appending to a growing file ({@code append}: every fdatasync must also journal the new file size,
 * as for RocksDB's WAL) and overwriting a file written in full beforehand ({@code preallocated}: data
 * only, as for ZooKeeper's zero-padded txn log). All files live in fresh temp directories on the
 * default file system, so the figures are that disk's.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main TxnAppendBench}. The store's
 * teardown prints appends per fsync, the group-commit factor.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TxnAppendBench {
    private static final int DATA_BYTES = 1024;

    @Benchmark
    @Threads(1)
    public long append1(Log log) throws StoreException, InterruptedException {
        return log.appendAndAwaitDurable();
    }

    @Benchmark
    @Threads(16)
    public long append16(Log log) throws StoreException, InterruptedException {
        return log.appendAndAwaitDurable();
    }

    @Benchmark
    @Threads(1)
    public long fsyncBaseline(RawFile file) throws IOException {
        file.buffer.clear();
        if (file.preallocated) {
            file.channel.write(file.buffer, file.position);
            file.position = (file.position + DATA_BYTES) % RawFile.PREALLOCATED_BYTES;
        } else {
            file.channel.write(file.buffer);
        }
        file.channel.force(false);
        return file.position;
    }

    /** One store shared by all appender threads of a trial. */
    @State(Scope.Benchmark)
    public static class Log {
        private final Object appendOrder = new Object();
        private final Object durableMonitor = new Object();
        private final ByteString data = ByteString.copyFrom(new byte[DATA_BYTES]);
        private Path dir;
        private CoordStore store;
        private long nextZxid;
        /** The last token the store reported durable; tokens are the zxids here. */
        private long durableToken;

        @Setup(Level.Trial)
        public void open() throws IOException, StoreException {
            dir = Files.createTempDirectory("txn-append-bench");
            // Snapshots off: this measures the log path alone.
            store = CoordStore.open(StoreConfig.of(dir, null).withSnapCount(0), token -> {
                synchronized (durableMonitor) {
                    durableToken = token;
                    durableMonitor.notifyAll();
                }
            }, failure -> { });
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, StoreException {
            long appends = store.lastLoggedZxid();
            long syncs = store.syncCount();
            store.close();
            System.out.printf("%n%d appends, %d fsyncs, %.1f appends per fsync%n",
                    appends, syncs, (double) appends / Math.max(1, syncs));
            deleteTree(dir);
        }

        long appendAndAwaitDurable() throws StoreException, InterruptedException {
            long zxid;
            synchronized (appendOrder) {
                zxid = ++nextZxid;
                store.write(zxid, new DurableOp.AppendTxn(Txn.newBuilder().setZxid(zxid).setTimeMillis(zxid).setSessionId(1).setCxid((int) zxid)
                        .setSetData(SetDataTxn.newBuilder().setPath("/bench").setData(data).setVersion((int) zxid))
                        .build()));
            }
            synchronized (durableMonitor) {
                while (durableToken < zxid) {
                    durableMonitor.wait();
                }
            }
            return zxid;
        }
    }

    /** A plain file for {@link #fsyncBaseline}: appended to, or overwritten in a ring once written in full. */
    @State(Scope.Thread)
    public static class RawFile {
        /** Size of the preallocated ring, ZooKeeper's default txn log preallocation. */
        static final long PREALLOCATED_BYTES = 64L * 1024 * 1024;
        /** Zeros written per call while preallocating. */
        static final int ZERO_FILL_CHUNK_BYTES = 1024 * 1024;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(DATA_BYTES);
        @Param({"append", "preallocated"})
        String layout;
        boolean preallocated;
        long position;
        Path dir;
        FileChannel channel;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("fsync-baseline");
            preallocated = layout.equals("preallocated");
            if (!preallocated) {
                channel = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                return;
            }
            channel = FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_FILL_CHUNK_BYTES);
            for (long written = 0; written < PREALLOCATED_BYTES; written += zeros.capacity()) {
                zeros.clear();
                channel.write(zeros, written);
            }
            channel.force(true);
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
