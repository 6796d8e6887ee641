package zoolog.faults.workload;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import zoolog.faults.history.History;

/**
 * What every workload of a run shares: the history, how to reach the ensemble (the connect string
 * of all nodes, and each node's client port for clients that must pin one node), the number of
 * client threads per workload, the seed, and two counters: process numbers (a client gets a new one
 * after an operation with an unknown outcome, as in Jepsen, since the old operation may still be in
 * flight) and register values (unique across the run, so a read names exactly one write). Shared
 * by all worker threads; the counters are atomic.
 */
public final class WorkloadContext {

    private final History history;
    private final String connectString;
    private final List<Integer> clientPorts;
    private final int clients;
    private final SplittableRandom seeds;
    private final AtomicInteger processes = new AtomicInteger();
    private final AtomicLong values = new AtomicLong();

    public WorkloadContext(History history, String connectString, List<Integer> clientPorts, int clients, long seed) {
        this.history = history;
        this.connectString = connectString;
        this.clientPorts = List.copyOf(clientPorts);
        this.clients = clients;
        this.seeds = new SplittableRandom(seed);
    }

    public History history() {
        return history;
    }

    public String connectString() {
        return connectString;
    }

    public List<Integer> clientPorts() {
        return clientPorts;
    }

    public int clients() {
        return clients;
    }

    /** A fresh process number, never handed out before in this run. */
    public int newProcess() {
        return processes.getAndIncrement();
    }

    /** The next register value: 1, 2, 3, ... */
    public long newValue() {
        return values.incrementAndGet();
    }

    /** An independent random source for one worker, derived from the run's seed. */
    public synchronized SplittableRandom newRandom() {
        return seeds.split();
    }
}
