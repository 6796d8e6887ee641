package zoolog.coord.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * The coordination server's durable store: one RocksDB database holding the transaction log, the
 * materialised tree and the ZAB epochs. Column families: {@code log} (8-byte big-endian zxid to a
 * {@code Txn} protobuf), {@code nodes} (UTF-8 path to {@code StoredNode}), {@code sessions} (8-byte
 * big-endian session id to {@code StoredSession}), {@code meta} (ASCII name to a small value); byte
 * formats and directory layout in {@link StoreLayout}. The log is the source of truth; the
 * {@code nodes}/{@code sessions} column families and {@code meta.materializedZxid} are written
 * lazily after commit, so recovery is "load the tree, then replay the log after materializedZxid".
 * RocksDB's WAL is where the fsync happens, so it plays the role of ZooKeeper's txn log device
 * ({@code dataLogDir}).
 *
 * <p>Threads: every public method is thread-safe. Writes are queued (bounded by
 * {@code queuedWritesMax}, default {@link #QUEUED_WRITES_MAX}; a full queue blocks the caller,
 * which is the backpressure of a disk that cannot keep up) and applied in call order by the one
 * {@value #WRITER_THREAD_NAME} thread ({@link StoreWriter}), which group-commits them and calls
 * {@code onDurable} with the highest durable token. Reads ({@link #load}, {@link #readLog},
 * {@link #epochs}, {@link #getMeta}) run on the caller's thread against a consistent RocksDB
 * snapshot and see what the writer has written so far.
 *
 * <p>A crash (even {@code kill -9} mid-write) leaves every op whose token was reported durable,
 * and the log a dense prefix of what was appended: RocksDB recovers its WAL to the last whole
 * batch, and a batch holds whole ops (a truncation or snapshot install is never half done)
 * together with the materialisations queued between them.
 */
public final class CoordStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoordStore.class);

    /** Default bound of writes waiting for the writer: about a second of work at a good disk's rate. */
    public static final int QUEUED_WRITES_MAX = 10_000;
    /** Fewest snapshots {@link #purge} keeps, as ZooKeeper's autopurge.snapRetainCount. */
    public static final int SNAP_RETAIN_COUNT_MIN = 3;
    /** How long {@link #close} waits for the writer to finish what is queued. */
    public static final long CLOSE_WAIT_MILLIS_MAX = 60_000;
    public static final String WRITER_THREAD_NAME = "coord-store-writer";
    /** {@link #readLog} sizes its result by {@code max} only up to this, so a huge max costs nothing up front. */
    private static final int READ_LOG_INITIAL_CAPACITY_MAX = 1024;

    /** What {@link #load} reports, in order: nodes by path, sessions by id, then the log tail. */
    public interface LoadVisitor {
        void node(String path, StoredNode node);

        void session(StoredSession session);

        void txn(Txn txn);
    }

    private final StoreConfig config;
    private final RocksHandles handles;
    private final WriteQueue queue;
    private final StoreWriter writer;
    private final Thread writerThread;
    /** Read side held by caller-thread reads, write side by close, so natives never die under a read. */
    private final ReentrantReadWriteLock handlesLock = new ReentrantReadWriteLock();
    private boolean closed;

    private CoordStore(StoreConfig config, RocksHandles handles, WriteQueue queue, StoreWriter writer) {
        this.config = config;
        this.handles = handles;
        this.queue = queue;
        this.writer = writer;
        this.writerThread = new Thread(writer, WRITER_THREAD_NAME);
    }

    /** Opens with ZooKeeper's default snapCount; {@code dataLogDir} may be null. */
    public static CoordStore open(Path dataDir, Path dataLogDir, LongConsumer onDurable) throws StoreException {
        return open(StoreConfig.of(dataDir, dataLogDir), onDurable, failure -> { });
    }

    /**
     * Opens (creating if needed) the store. {@code onDurable} and {@code onFailure} are called on
     * the writer thread: the first after each synced group write with the highest token it made
     * durable (covering every earlier token), the second once if the store fails; both must be
     * quick and must not call back into writes.
     */
    public static CoordStore open(StoreConfig config, LongConsumer onDurable, Consumer<StoreException> onFailure)
            throws StoreException {
        Path dbDir = StoreLayout.dbDir(config.dataDir());
        RocksHandles handles = RocksHandles.openReadWrite(dbDir, StoreLayout.walDir(config.dataDir(), config.dataLogDir()));
        try (ReadOptions read = new ReadOptions()) {
            long materializedZxid = StoreScan.materializedZxid(handles, read);
            long lastLogZxid = StoreScan.lastLogZxid(handles, read);
            long lastZxid = Math.max(materializedZxid, lastLogZxid);
            WriteQueue queue = new WriteQueue(config.queuedWritesMax(), lastZxid, materializedZxid);
            StoreWriter writer = new StoreWriter(handles, queue, config.dataDir(), config.snapCount(),
                    materializedZxid, onDurable, onFailure);
            CoordStore store = new CoordStore(config, handles, queue, writer);
            store.writerThread.start();
            LOG.info("store opened at {} (materializedZxid 0x{}, lastLoggedZxid 0x{})",
                    dbDir, Long.toHexString(materializedZxid), Long.toHexString(lastLogZxid));
            return store;
        } catch (StoreException | RuntimeException e) {
            handles.close();
            throw e;
        }
    }

    /**
     * Visits the durable state, all from one RocksDB snapshot: every node in path order (a parent
     * before its children), every session in id order, then every logged txn with a zxid above
     * materializedZxid, in zxid order. Meant to run once after open, before the first write.
     */
    public void load(LoadVisitor visitor) throws StoreException {
        read(readOptions -> {
            long materializedZxid = StoreScan.materializedZxid(handles, readOptions);
            StoreScan.nodes(handles, readOptions, visitor::node);
            StoreScan.sessions(handles, readOptions, visitor::session);
            StoreScan.txnsAfter(handles, readOptions, materializedZxid, visitor::txn);
        });
    }

    /** A read on the caller's thread: the handles stay open, and one RocksDB snapshot is pinned. */
    private void read(Reader reader) throws StoreException {
        handlesLock.readLock().lock();
        try {
            ensureOpen();
            Snapshot snapshot = handles.db.getSnapshot();
            try (ReadOptions readOptions = new ReadOptions().setSnapshot(snapshot)) {
                reader.read(readOptions);
            } finally {
                handles.db.releaseSnapshot(snapshot);
            }
        } finally {
            handlesLock.readLock().unlock();
        }
    }

    @FunctionalInterface
    private interface Reader {
        void read(ReadOptions readOptions) throws StoreException;
    }

    /**
     * Where the store's history ends, counting queued ops (maybe not yet durable): the highest
     * logged zxid, or the materialised zxid when the log ends below it (after a snapshot install
     * or a purge). A truncation pulls it back to its {@code afterZxid}; the next append must exceed it.
     */
    public long lastLoggedZxid() {
        return queue.lastLoggedZxid();
    }

    /** The zxid of the materialised tree at open, or of the latest {@link #materialize} or snapshot install since. */
    public long materializedZxid() {
        return queue.lastMaterializedZxid();
    }

    /** The last token given to {@code onDurable}; 0 before the first report since open. */
    public long durableToken() {
        return writer.durableToken();
    }

    /** Whether an automatic snapshot is being taken right now (tests wait for it to finish). */
    boolean snapshotRunning() {
        return writer.snapshotRunning();
    }

    /** Synced group writes so far (each is one WAL fsync); for metrics and the group-commit test. */
    public long syncCount() {
        return writer.syncCount();
    }

    /** The reason the store failed, if it did; a failed store refuses every write. */
    public Optional<StoreException> failure() {
        return Optional.ofNullable(writer.failure());
    }

    /**
     * Queues {@code op} to be made durable after everything queued before it; {@code onDurable}
     * later reports {@code token} (or a later one). Blocks only while the queue is full.
     *
     * <ul>
     *   <li>{@link DurableOp.AppendTxn}: logs the txn; its zxid must exceed {@link #lastLoggedZxid}.
     *   <li>{@link DurableOp.TruncateLog}: deletes every log entry above {@code afterZxid}, which
     *       must not be below {@link #materializedZxid} (committed txns are never truncated).
     *   <li>{@link DurableOp.SaveEpochs}: replaces what {@link #epochs} returns.
     *   <li>{@link DurableOp.InstallSnapshot}: replaces the tree, the sessions and the log with the
     *       snapshot, materialised at its zxid; a crash leaves the old state or the new one.
     * </ul>
     *
     * @param token greater than every token given before since open (tokens start at 1 or above)
     * @throws IllegalArgumentException when a token or zxid rule above is broken: a bug upstream
     * @throws StoreException when the store is closed or failed
     */
    public void write(long token, DurableOp op) throws StoreException {
        Objects.requireNonNull(op, "op");
        if (op instanceof DurableOp.InstallSnapshot) {
            DurableOp.InstallSnapshot install = (DurableOp.InstallSnapshot) op;
            op = new DurableOp.InstallSnapshot(install.zxid(), List.copyOf(install.nodes()), List.copyOf(install.sessions()));
        }
        queue.put(new StoreWrite.Durable(token, op));
    }

    /**
     * Queues the materialised changes of txn {@code zxid} (a null node or session deletes it); they
     * are written, unsynced, after every earlier write, in one batch with
     * {@code materializedZxid = zxid}. {@code zxid} must not be below {@link #materializedZxid}.
     */
    public void materialize(long zxid, List<NodeWrite> nodes, List<SessionWrite> sessions) throws StoreException {
        for (SessionWrite write : sessions) {
            if (write.session() != null && write.session().getSessionId() != write.sessionId()) {
                throw new IllegalArgumentException("session write keyed 0x" + Long.toHexString(write.sessionId())
                        + " holds session 0x" + Long.toHexString(write.session().getSessionId()));
            }
        }
        queue.put(new StoreWrite.Materialize(zxid, List.copyOf(nodes), List.copyOf(sessions)));
    }

    /** Returns once everything queued before this call is written (durable ops synced). */
    public void flush() throws StoreException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.put(new StoreWrite.Flush(done));
        await(done);
    }

    /** Takes a snapshot now, after everything queued before; returns its directory. */
    public Path snapshot() throws StoreException {
        CompletableFuture<Path> done = new CompletableFuture<>();
        queue.put(new StoreWrite.Snapshot(done));
        return await(done);
    }

    /**
     * Keeps the newest {@code snapRetainCount} snapshots (at least {@link #SNAP_RETAIN_COUNT_MIN})
     * and deletes log entries older than the oldest one kept. Returns how many snapshots went.
     */
    public int purge(int snapRetainCount) throws StoreException {
        if (snapRetainCount < SNAP_RETAIN_COUNT_MIN) {
            throw new IllegalArgumentException("snapRetainCount must be >= " + SNAP_RETAIN_COUNT_MIN + ", got " + snapRetainCount);
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        queue.put(new StoreWrite.Purge(snapRetainCount, done));
        return await(done);
    }

    /** Snapshot directories, oldest first. */
    public List<Path> snapshots() throws StoreException {
        try {
            return StoreLayout.snapshots(config.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot list snapshots: " + e.getMessage(), e);
        }
    }

    /**
     * Up to {@code max} logged txns with a zxid above {@code afterZxid}, in zxid order, as written
     * so far (call {@link #flush} first to include queued appends).
     */
    public List<Txn> readLog(long afterZxid, int max) throws StoreException {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, got " + max);
        }
        List<Txn> txns = new ArrayList<>(Math.min(max, READ_LOG_INITIAL_CAPACITY_MAX));
        read(readOptions -> StoreScan.txnsAfter(handles, readOptions, afterZxid, max, txns::add));
        return txns;
    }

    /** The epochs of the last durable {@link DurableOp.SaveEpochs}, or {@link StoredEpochs#NONE}. */
    public StoredEpochs epochs() throws StoreException {
        StoredEpochs[] found = new StoredEpochs[1];
        read(readOptions -> found[0] = StoreScan.epochs(handles, readOptions));
        return found[0];
    }

    /** A small durable value, or null if never written; the reserved keys are readable too. */
    public byte[] getMeta(String key) throws StoreException {
        handlesLock.readLock().lock();
        try {
            ensureOpen();
            return handles.db.get(handles.meta, StoreLayout.metaKey(key));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read meta '" + key + "': " + e.getMessage(), e);
        } finally {
            handlesLock.readLock().unlock();
        }
    }

    /**
     * Writes a small value durably (synced, after everything queued before); returns once durable.
     * The keys in {@link StoreLayout#RESERVED_META_KEYS} are refused: the store writes them itself.
     */
    public void putMeta(String key, byte[] value) throws StoreException {
        if (StoreLayout.RESERVED_META_KEYS.contains(key)) {
            throw new IllegalArgumentException(key + " is written only by the store's own ops");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.put(new StoreWrite.PutMeta(key, value.clone(), done));
        await(done);
    }

    /**
     * Writes what is queued, syncs the WAL, stops the writer and closes RocksDB. If the writer does
     * not stop within {@link #CLOSE_WAIT_MILLIS_MAX} (a hung disk) the database is left open, since
     * closing it under a running write would crash the JVM.
     */
    @Override
    public void close() throws StoreException {
        handlesLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.close(new StoreException("the store is closed"));
            writerThread.join(CLOSE_WAIT_MILLIS_MAX);
            if (writerThread.isAlive()) {
                throw new StoreException("the store writer did not stop within " + CLOSE_WAIT_MILLIS_MAX
                        + " ms; RocksDB is left open");
            }
            handles.close();
            LOG.info("store closed at {}", StoreLayout.dbDir(config.dataDir()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while closing the store; RocksDB is left open");
        } finally {
            handlesLock.writeLock().unlock();
        }
    }

    private void ensureOpen() throws StoreException {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    private static <T> T await(CompletableFuture<T> done) throws StoreException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException) {
                StoreException cause = (StoreException) e.getCause();
                throw new StoreException(cause.getMessage(), cause);
            }
            throw new StoreException("store request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store");
        }
    }
}
