package zoolog.coord.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * The coordination server's durable store: one RocksDB database holding the transaction log and
 * the materialised tree. Column families: {@code log} (8-byte big-endian zxid to a {@code Txn}
 * protobuf), {@code nodes} (UTF-8 path to {@code StoredNode}), {@code sessions} (8-byte big-endian
 * session id to {@code StoredSession}), {@code meta} (ASCII name to a small value;
 * {@code materializedZxid} is 8 bytes big-endian); directory layout in {@link StoreLayout}. The log is
 * the source of truth; the {@code nodes}/{@code sessions} column families and
 * {@code meta.materializedZxid} are written lazily after commit, so recovery is "load the tree,
 * then replay the log after materializedZxid". RocksDB's WAL is where the fsync happens, so it
 * plays the role of ZooKeeper's txn log device ({@code dataLogDir}).
 *
 * <p>Threads: every public method is thread-safe. Writes are queued (bounded by
 * {@code queuedWritesMax}, default {@link #QUEUED_WRITES_MAX}; a full queue blocks the caller,
 * which is the backpressure of a disk that cannot keep up) and applied in call order by the one
 * {@value #WRITER_THREAD_NAME} thread ({@link StoreWriter}), which group-commits them and calls
 * {@code onPersisted} with the highest durable zxid. Reads ({@link #load}, {@link #getMeta}) run
 * on the caller's thread against a consistent RocksDB snapshot.
 *
 * <p>A crash (even {@code kill -9} mid-write) leaves every acknowledged txn in the log and the
 * log a dense prefix of what was appended: RocksDB recovers its WAL to the last whole batch, and
 * a batch holds its appends together with the materialisation that followed them.
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
    public static CoordStore open(Path dataDir, Path dataLogDir, LongConsumer onPersisted) throws StoreException {
        return open(StoreConfig.of(dataDir, dataLogDir), onPersisted, failure -> { });
    }

    /**
     * Opens (creating if needed) the store. {@code onPersisted} and {@code onFailure} are called on
     * the writer thread: the first after each durable group write with the highest durable zxid,
     * the second once if the store fails; both must be quick and must not call back into writes.
     */
    public static CoordStore open(StoreConfig config, LongConsumer onPersisted, Consumer<StoreException> onFailure)
            throws StoreException {
        Path dbDir = StoreLayout.dbDir(config.dataDir());
        RocksHandles handles = RocksHandles.openReadWrite(dbDir, StoreLayout.walDir(config.dataDir(), config.dataLogDir()));
        try (ReadOptions read = new ReadOptions()) {
            long materializedZxid = StoreScan.materializedZxid(handles, read);
            long lastLogZxid = StoreScan.lastLogZxid(handles, read);
            long lastZxid = Math.max(materializedZxid, lastLogZxid);
            WriteQueue queue = new WriteQueue(config.queuedWritesMax(), lastZxid, materializedZxid);
            StoreWriter writer = new StoreWriter(handles, queue, config.dataDir(), config.snapCount(),
                    lastLogZxid, materializedZxid, onPersisted, onFailure);
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
        handlesLock.readLock().lock();
        try {
            ensureOpen();
            Snapshot snapshot = handles.db.getSnapshot();
            try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
                long materializedZxid = StoreScan.materializedZxid(handles, read);
                StoreScan.nodes(handles, read, visitor::node);
                StoreScan.sessions(handles, read, visitor::session);
                StoreScan.txnsAfter(handles, read, materializedZxid, visitor::txn);
            } finally {
                handles.db.releaseSnapshot(snapshot);
            }
        } finally {
            handlesLock.readLock().unlock();
        }
    }

    /** The highest zxid in the log at open, or appended since (queued, maybe not yet durable). */
    public long lastLoggedZxid() {
        return queue.lastAppendedZxid();
    }

    /** The zxid of the materialised tree at open, or of the latest {@link #materialize} since. */
    public long materializedZxid() {
        return queue.lastMaterializedZxid();
    }

    /** The highest zxid known durable: the last value given to {@code onPersisted}, or the log's end at open. */
    public long persistedZxid() {
        return writer.persistedZxid();
    }

    /** Synced group writes so far (each is one WAL fsync); for metrics and the group-commit test. */
    public long syncCount() {
        return writer.syncCount();
    }

    /** The reason the store failed, if it did; a failed store refuses every write. */
    public Optional<StoreException> failure() {
        return Optional.ofNullable(writer.failure());
    }

    /** Queues a txn for the log. Its zxid must exceed every earlier one. Blocks only while the queue is full. */
    public void append(Txn txn) throws StoreException {
        queue.put(new StoreWrite.Append(txn));
    }

    /**
     * Queues the materialised changes of txn {@code zxid} (a null node or session deletes it); they
     * are written after every earlier append, in one batch with {@code materializedZxid = zxid}.
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

    /** Returns once everything queued before this call is written (appends durable). */
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

    /** A small durable value (epochs, ensemble id, secret), or null if never written. */
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

    /** Writes a small value durably (synced, after everything queued before); returns once durable. */
    public void putMeta(String key, byte[] value) throws StoreException {
        if (key.equals(StoreLayout.META_MATERIALIZED_ZXID)) {
            throw new IllegalArgumentException(key + " is written only by materialize");
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
