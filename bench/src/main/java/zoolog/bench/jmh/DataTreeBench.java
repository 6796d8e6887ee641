package zoolog.bench.jmh;

import com.google.protobuf.UnsafeByteOperations;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import zoolog.coord.tree.DataTree;
import zoolog.coord.tree.TreeListener;
import zoolog.coord.tree.Znode;
import zoolog.protocol.txn.AclEntry;
import zoolog.protocol.txn.CreateTxn;
import zoolog.protocol.txn.SetDataTxn;
import zoolog.protocol.txn.Txn;

/**
 * The data tree's hot operations on a tree of 100,000 znodes with 1 KB values: applying a create
 * and a setData transaction, and the read path of getData (lookup plus Stat).
 * Run: {@code java -jar bench/target/benchmarks.jar DataTreeBench}. The fork gets a fixed 2 GiB heap:
 * applyCreate keeps 1 KB per created node alive and refills 100,000 nodes per iteration, so with
 * JMH's default (a quarter of RAM, resized on the fly) GC pauses made iterations differ by 4x.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DataTreeBench {

    private static final int NODES = 100_000;
    private static final AclEntry OPEN = AclEntry.newBuilder().setPerms(31).setScheme("world").setId("anyone").build();

    private DataTree tree;
    private byte[] value;
    private long zxid;
    private int cursor;
    private int created;

    @Setup(Level.Iteration)
    public void fill() {
        tree = new DataTree();
        value = new byte[1024];
        zxid = 0;
        apply(createTxn("/bench", 1));
        for (int i = 0; i < NODES; i++) {
            apply(createTxn("/bench/n" + i, i + 2));
        }
        created = NODES;
    }

    private Txn createTxn(String path, int parentCversion) {
        return Txn.newBuilder().setZxid(++zxid).setTimeMillis(zxid).setCreate(CreateTxn.newBuilder()
                .setPath(path).setData(UnsafeByteOperations.unsafeWrap(value)).addAcl(OPEN)
                .setParentCversion(parentCversion)).build();
    }

    private void apply(Txn txn) {
        tree.apply(txn, TreeListener.NONE);
    }

    @Benchmark
    public void applyCreate() {
        created++;
        apply(createTxn("/bench/c" + created, created + 1));
    }

    @Benchmark
    public void applySetData() {
        String path = "/bench/n" + (cursor++ % NODES);
        int version = tree.get(path).version() + 1;
        apply(Txn.newBuilder().setZxid(++zxid).setTimeMillis(zxid).setSetData(SetDataTxn.newBuilder()
                .setPath(path).setData(UnsafeByteOperations.unsafeWrap(value)).setVersion(version)).build());
    }

    @Benchmark
    public Object getDataWithStat() {
        Znode node = tree.get("/bench/n" + (cursor++ % NODES));
        return node.stat();
    }
}
