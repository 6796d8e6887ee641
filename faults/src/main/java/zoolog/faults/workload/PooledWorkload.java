package zoolog.faults.workload;

/**
 * What every workload shares: a name, its context, and a {@link WorkerPool} of one worker per
 * client that runs from {@link #start()} to {@link #stop()}. Subclasses say what a worker does
 * and what to set up and read at the end.
 */
abstract class PooledWorkload implements Workload {

    protected final WorkloadContext context;
    private final String name;
    /** Built at start, once the subclass is fully constructed (its workers use its fields). */
    private WorkerPool pool;

    PooledWorkload(String name, WorkloadContext context) {
        this.name = name;
        this.context = context;
    }

    /** One client's loop; called once per worker when the pool starts. */
    abstract WorkerPool.Worker newWorker();

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        pool = new WorkerPool(name, context.clients(), i -> newWorker(), context.history()::isFull);
        pool.start();
    }

    @Override
    public void stop() throws InterruptedException {
        if (pool != null) {
            pool.stop();
        }
    }
}
