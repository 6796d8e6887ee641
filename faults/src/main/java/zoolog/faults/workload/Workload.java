package zoolog.faults.workload;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * One kind of client activity during a run, with the checkers that judge it. The run's main
 * thread calls {@link #setUp} once the ensemble serves (create the parent znodes), {@link #start}
 * (start the worker threads), {@link #stop} when the time is up, and {@link #finish} after every
 * fault is healed (final reads such as listings, recorded in the history for the checkers). The
 * checkers that judge a workload belong to its {@link WorkloadKind}.
 */
public interface Workload {

    String name();

    void setUp(ZooKeeper admin) throws KeeperException, InterruptedException;

    void start();

    void stop() throws InterruptedException;

    void finish(ZooKeeper admin) throws KeeperException, InterruptedException;
}
