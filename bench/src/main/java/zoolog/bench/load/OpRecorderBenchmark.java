package zoolog.bench.load;

import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the load generator's own bookkeeping costs per completed operation: one latency recorded
 * into an {@link OpRecorder} (uncontended monitor plus HdrHistogram) on the ZooKeeper event thread.
 * It should stay tens of nanoseconds, far below the tens of microseconds an operation takes, so the
 * end-to-end numbers measure the server rather than the measuring. Run with
 * {@code java -jar bench/target/benchmarks.jar OpRecorderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpRecorderBenchmark {

    private static final int OK = KeeperException.Code.OK.intValue();

    private final OpRecorder recorder = new OpRecorder();
    private long latencyMicros = 1;

    @Benchmark
    public void recordLatency() {
        latencyMicros = latencyMicros * 31 % 100_000 + 1;
        recorder.record(OK, latencyMicros);
    }
}
