package zoolog.coord.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.coord.core.CoreEffects.NodeWrite;
import zoolog.coord.core.CoreEffects.SessionWrite;
import zoolog.coord.zab.DurableOp;
import zoolog.protocol.peer.SnapshotNode;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * The body of the {@code coord-store-writer} thread, the only thread that writes to RocksDB.
 * Each round it drains the {@link WriteQueue}, folds durable ops ({@link DurableOp}) and
 * materialisations into ONE WriteBatch in call order and writes it with {@code sync=true} if it
 * holds a durable op: one fsync of the WAL covers every write that arrived while the previous one
 * was running (group commit). Then it reports the highest durable token, and takes a checkpoint
 * every {@code snapCount} logged txns. Truncations and snapshot installs are range deletes in the
 * same batch, so a crash leaves the state before or after each of them, never half. A failed write
 * is never retried: the store turns failed, the queue refuses further writes and everything
 * pending fails, because after a failed fsync the state of the file is unknown.
 */
final class StoreWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final RocksHandles h;
    private final WriteQueue queue;
    private final Path dataDir;
    private final int snapCount;
    private final LongConsumer onDurable;
    private final Consumer<StoreException> onFailure;
    private final AtomicLong syncCount = new AtomicLong();
    private volatile long durableToken;
    private volatile StoreException failure;
    /** Writer thread only: the zxid the last written materialisation reflects. */
    private long materializedZxid;
    /** Writer thread only: txns logged since the last snapshot. */
    private long txnsSinceSnapshot;
    /** Writer thread only: materialisations not yet written, coalesced per key. */
    private final MaterializeBuffer dirty = new MaterializeBuffer();
    /**
     * Automatic snapshots run here, not on the writer: a checkpoint flushes the memtables, and
     * holding group commit for that long is what made write latency spike every snapCount txns.
     */
    private final ExecutorService snapshotter = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, SNAPSHOT_THREAD_NAME));
    private final AtomicBoolean snapshotRunning = new AtomicBoolean();
    static final String SNAPSHOT_THREAD_NAME = "coord-store-snapshot";
    /** Where a checkpoint is built before it is named by the zxid it holds. */
    private static final String CHECKPOINT_IN_PROGRESS = "checkpoint-in-progress-";
    /** How long the writer waits, when the store closes, for a snapshot under way. */
    private static final long SNAPSHOT_WAIT_SECONDS_MAX = 60;

    StoreWriter(RocksHandles h, WriteQueue queue, Path dataDir, int snapCount, long materializedZxid,
                LongConsumer onDurable, Consumer<StoreException> onFailure) {
        this.h = h;
        this.queue = queue;
        this.dataDir = dataDir;
        this.snapCount = snapCount;
        this.materializedZxid = materializedZxid;
        this.onDurable = onDurable;
        this.onFailure = onFailure;
    }

    long syncCount() {
        return syncCount.get();
    }

    boolean snapshotRunning() {
        return snapshotRunning.get();
    }

    long durableToken() {
        return durableToken;
    }

    StoreException failure() {
        return failure;
    }

    @Override
    public void run() {
        try (WriteOptions syncWrite = new WriteOptions().setSync(true); WriteOptions plainWrite = new WriteOptions()) {
            List<StoreWrite> items = queue.drain();
            while (!items.isEmpty()) {
                try {
                    process(items, syncWrite, plainWrite);
                } catch (StoreException | RuntimeException e) {
                    fail(e, items);
                    return;
                }
                items = queue.drain();
            }
            syncOnClose();
        } finally {
            stopSnapshots();
        }
    }

    /** The handles close after this thread ends, so a snapshot under way must end first. */
    private void stopSnapshots() {
        snapshotter.shutdown();
        try {
            if (!snapshotter.awaitTermination(SNAPSHOT_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
                LOG.warn("a snapshot was still running after {} s while the store closed", SNAPSHOT_WAIT_SECONDS_MAX);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(List<StoreWrite> items, WriteOptions syncWrite, WriteOptions plainWrite) throws StoreException {
        Group group = new Group();
        try {
            for (StoreWrite item : items) {
                if (item instanceof StoreWrite.Durable) {
                    group.durable((StoreWrite.Durable) item);
                } else if (item instanceof StoreWrite.Materialize) {
                    group.materialize((StoreWrite.Materialize) item);
                } else if (item instanceof StoreWrite.PutMeta) {
                    group.putMeta((StoreWrite.PutMeta) item);
                } else {
                    // A barrier (flush, snapshot, purge) sees everything materialised so far.
                    group.writeDirty();
                    group = write(group, syncWrite, plainWrite);
                    runBarrier(item, plainWrite);
                }
            }
            write(group, syncWrite, plainWrite).close();
        } catch (RocksDBException e) {
            group.close();
            throw new StoreException("write failed: " + e.getMessage(), e);
        } catch (StoreException | RuntimeException e) {
            group.close();
            throw e;
        }
    }

    /**
     * Writes a group and reports it; returns a fresh group for the writes after it. A group with
     * a token but an empty batch (a truncation that drops nothing) is still written, synced and
     * reported, so every token gets its report.
     */
    private Group write(Group group, WriteOptions syncWrite, WriteOptions plainWrite) throws RocksDBException {
        if (group.batch.count() == 0 && group.highestToken == 0) {
            return group;
        }
        try (group) {
            h.db.write(group.needsSync ? syncWrite : plainWrite, group.batch);
        }
        if (group.needsSync) {
            syncCount.incrementAndGet();
        }
        if (group.materializedZxid >= 0) {
            materializedZxid = group.materializedZxid;
        }
        group.durableMeta.forEach(done -> done.complete(null));
        if (group.highestToken > 0) {
            durableToken = group.highestToken;
            try {
                onDurable.accept(group.highestToken);
            } catch (RuntimeException e) {
                LOG.error("onDurable callback threw; the store carries on", e);
            }
        }
        if (group.appendCount > 0) {
            txnsSinceSnapshot += group.appendCount;
            if (snapCount > 0 && txnsSinceSnapshot >= snapCount && snapshotRunning.compareAndSet(false, true)) {
                txnsSinceSnapshot = 0;
                long zxid = materializedZxid;
                snapshotter.execute(() -> {
                    try {
                        checkpoint(zxid);
                    } catch (StoreException e) {
                        LOG.error("automatic snapshot failed: {}", e.getMessage());
                    } finally {
                        snapshotRunning.set(false);
                    }
                });
            }
        }
        return new Group();
    }

    private void runBarrier(StoreWrite item, WriteOptions plainWrite) throws RocksDBException {
        if (item instanceof StoreWrite.Flush) {
            ((StoreWrite.Flush) item).done().complete(null);
        } else if (item instanceof StoreWrite.Snapshot) {
            CompletableFuture<Path> done = ((StoreWrite.Snapshot) item).done();
            try {
                done.complete(takeSnapshot());
            } catch (StoreException e) {
                done.completeExceptionally(e);
            }
        } else if (item instanceof StoreWrite.Purge) {
            StoreWrite.Purge purge = (StoreWrite.Purge) item;
            try {
                purge.done().complete(purge(purge.snapRetainCount(), plainWrite));
            } catch (StoreException e) {
                purge.done().completeExceptionally(e);
            }
        } else {
            throw new IllegalStateException("no handler for " + item.getClass().getSimpleName());
        }
    }

    /**
     * Checkpoints the database into {@code snapshot.<materializedZxid>}. RocksDB flushes the
     * memtables first and hard-links the SST files, so the cost does not grow with the data. If
     * nothing was materialised since the last snapshot the existing one is returned.
     */
    private Path takeSnapshot() throws StoreException {
        txnsSinceSnapshot = 0;
        return checkpoint(materializedZxid);
    }

    /**
     * The checkpoint itself; safe on any thread. Taken off the writer, it may hold writes made
     * after {@code zxid} while it ran, so it is built under a temporary name and then named by
     * the zxid its own materialised state reflects: {@code snapshot.<zxid>} always means exactly
     * that zxid, which dump-snapshot and purge rely on.
     */
    private Path checkpoint(long zxid) throws StoreException {
        Path existing = StoreLayout.snapshotDir(dataDir, zxid);
        if (Files.isDirectory(existing)) {
            return existing;
        }
        Path building = existing.resolveSibling(CHECKPOINT_IN_PROGRESS + Thread.currentThread().getName());
        if (Files.exists(building)) {
            deleteTree(building);
        }
        try (Checkpoint checkpoint = Checkpoint.create(h.db)) {
            checkpoint.createCheckpoint(building.toString());
        } catch (RocksDBException e) {
            throw new StoreException("snapshot " + building + " failed: " + e.getMessage(), e);
        }
        long holds;
        try (StoreReader reader = StoreReader.openSnapshot(building)) {
            holds = reader.materializedZxid();
        }
        Path dir = StoreLayout.snapshotDir(dataDir, holds);
        if (Files.isDirectory(dir)) {
            deleteTree(building);
            return dir;
        }
        try {
            Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw new StoreException("naming snapshot " + dir + " failed: " + e.getMessage(), e);
            }
            // The writer and the snapshot thread checkpointed the same state at once: keep one.
            deleteTree(building);
            return dir;
        }
        LOG.info("snapshot {} taken", dir);
        return dir;
    }

    /**
     * Deletes all but the newest {@code retain} snapshots, then every log entry older than the
     * oldest retained snapshot's zxid: that snapshot, or the live tree, covers them. Returns how
     * many snapshots were deleted. The log deletion is not synced; a crash merely keeps it.
     */
    private int purge(int retain, WriteOptions plainWrite) throws StoreException, RocksDBException {
        List<Path> snapshots;
        try {
            snapshots = StoreLayout.snapshots(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot list snapshots: " + e.getMessage(), e);
        }
        if (snapshots.isEmpty()) {
            return 0;
        }
        int deleteCount = Math.max(0, snapshots.size() - retain);
        for (Path old : snapshots.subList(0, deleteCount)) {
            deleteTree(old);
            LOG.info("snapshot {} purged", old);
        }
        long keepFromZxid = Math.min(materializedZxid,
                StoreLayout.snapshotZxid(snapshots.get(deleteCount)).getAsLong());
        if (keepFromZxid > 0) {
            try (WriteBatch batch = new WriteBatch()) {
                batch.deleteRange(h.log, StoreLayout.longKey(0), StoreLayout.longKey(keepFromZxid));
                h.db.write(plainWrite, batch);
            }
        }
        return deleteCount;
    }

    private static void deleteTree(Path root) throws StoreException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> deepestFirst = new ArrayList<>();
            walk.sorted(Comparator.reverseOrder()).forEach(deepestFirst::add);
            for (Path path : deepestFirst) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** Materialisations were written without fsync; make them durable before the handles close. */
    private void syncOnClose() {
        try (Group last = new Group()) {
            last.writeDirty();
            h.db.write(new WriteOptions(), last.batch);
            if (last.materializedZxid >= 0) {
                materializedZxid = last.materializedZxid;
            }
            h.db.syncWal();
        } catch (RocksDBException e) {
            fail(new StoreException("final WAL sync failed: " + e.getMessage(), e), List.of());
        }
    }

    private void fail(Exception cause, List<StoreWrite> current) {
        StoreException reason = cause instanceof StoreException
                ? (StoreException) cause
                : new StoreException("store writer crashed: " + cause, cause);
        failure = reason;
        LOG.error("store failed, refusing all further writes (the node must fence itself): {}", reason.getMessage());
        queue.close(reason);
        failPending(current, reason);
        failPending(queue.drain(), reason);
        try {
            onFailure.accept(reason);
        } catch (RuntimeException e) {
            LOG.error("onFailure callback threw", e);
        }
    }

    private static void failPending(List<StoreWrite> items, StoreException reason) {
        for (StoreWrite item : items) {
            if (item instanceof StoreWrite.PutMeta) {
                ((StoreWrite.PutMeta) item).done().completeExceptionally(reason);
            } else if (item instanceof StoreWrite.Flush) {
                ((StoreWrite.Flush) item).done().completeExceptionally(reason);
            } else if (item instanceof StoreWrite.Snapshot) {
                ((StoreWrite.Snapshot) item).done().completeExceptionally(reason);
            } else if (item instanceof StoreWrite.Purge) {
                ((StoreWrite.Purge) item).done().completeExceptionally(reason);
            }
        }
    }

    /** The writes of one group commit, accumulated in call order. */
    private final class Group implements AutoCloseable {
        final WriteBatch batch = new WriteBatch();
        final List<CompletableFuture<Void>> durableMeta = new ArrayList<>();
        boolean needsSync;
        long highestToken;
        long appendCount;
        /** The materialised zxid after this group, or -1 if the group does not change it. */
        long materializedZxid = -1;

        void durable(StoreWrite.Durable write) throws RocksDBException, StoreException {
            DurableOp op = write.op();
            if (op instanceof DurableOp.AppendTxn) {
                append(((DurableOp.AppendTxn) op).txn());
            } else if (op instanceof DurableOp.TruncateLog) {
                truncate(((DurableOp.TruncateLog) op).afterZxid());
            } else if (op instanceof DurableOp.SaveEpochs) {
                saveEpochs((DurableOp.SaveEpochs) op);
            } else if (op instanceof DurableOp.InstallSnapshot) {
                install((DurableOp.InstallSnapshot) op);
            } else {
                throw new IllegalStateException("no handler for " + op.getClass().getSimpleName());
            }
            needsSync = true;
            highestToken = write.token();
        }

        private void append(Txn txn) throws RocksDBException {
            batch.put(h.log, StoreLayout.longKey(txn.getZxid()), txn.toByteArray());
            appendCount++;
        }

        /** Paired with the queue's check: a truncation below the materialised zxid would lose commits. */
        private void truncate(long afterZxid) throws RocksDBException, StoreException {
            long materialized = materializedZxid >= 0 ? materializedZxid : StoreWriter.this.materializedZxid;
            if (afterZxid < materialized) {
                throw new StoreException("refusing to truncate the log after 0x" + Long.toHexString(afterZxid)
                        + ": zxids up to 0x" + Long.toHexString(materialized) + " are materialised");
            }
            if (afterZxid < Long.MAX_VALUE) {
                batch.deleteRange(h.log, StoreLayout.longKey(afterZxid + 1), StoreLayout.KEYS_END);
            }
        }

        private void saveEpochs(DurableOp.SaveEpochs epochs) throws RocksDBException {
            batch.put(h.meta, StoreLayout.metaKey(StoreLayout.META_ACCEPTED_EPOCH), StoreLayout.longKey(epochs.acceptedEpoch()));
            batch.put(h.meta, StoreLayout.metaKey(StoreLayout.META_CURRENT_EPOCH), StoreLayout.longKey(epochs.currentEpoch()));
            batch.put(h.meta, StoreLayout.metaKey(StoreLayout.META_ENSEMBLE_ID), StoreLayout.utf8(epochs.ensembleId()));
        }

        /**
         * Range-deletes the tree, the sessions and the log, then writes the snapshot: RocksDB gives
         * every operation of a batch its own sequence number, so the puts survive the deletes
         * before them, and any materialisation earlier in this batch or an earlier one is gone.
         */
        private void install(DurableOp.InstallSnapshot snapshot) throws RocksDBException {
            dirty.clear();
            batch.deleteRange(h.nodes, StoreLayout.KEYS_START, StoreLayout.KEYS_END);
            batch.deleteRange(h.sessions, StoreLayout.KEYS_START, StoreLayout.KEYS_END);
            batch.deleteRange(h.log, StoreLayout.KEYS_START, StoreLayout.KEYS_END);
            for (SnapshotNode node : snapshot.nodes()) {
                batch.put(h.nodes, StoreLayout.pathKey(node.getPath()), node.getNode().toByteArray());
            }
            for (StoredSession session : snapshot.sessions()) {
                batch.put(h.sessions, StoreLayout.longKey(session.getSessionId()), session.toByteArray());
            }
            putMaterializedZxid(snapshot.zxid());
        }

        /**
         * Buffers the materialisation; the buffer is written (one put per changed key, however
         * often it changed) once it holds {@link MaterializeBuffer#TXNS_MAX} transactions or
         * {@link MaterializeBuffer#BYTES_MAX} bytes, before any barrier, and at close. Until then
         * recovery replays those transactions from the log, which is what lazy means here.
         */
        void materialize(StoreWrite.Materialize m) throws RocksDBException {
            dirty.add(m);
            if (dirty.isFull()) {
                writeDirty();
            }
        }

        void writeDirty() throws RocksDBException {
            if (dirty.isEmpty()) {
                return;
            }
            for (Map.Entry<String, StoredNode> node : dirty.nodes().entrySet()) {
                if (node.getValue() == null) {
                    batch.delete(h.nodes, StoreLayout.pathKey(node.getKey()));
                } else {
                    batch.put(h.nodes, StoreLayout.pathKey(node.getKey()), node.getValue().toByteArray());
                }
            }
            for (Map.Entry<Long, StoredSession> session : dirty.sessions().entrySet()) {
                if (session.getValue() == null) {
                    batch.delete(h.sessions, StoreLayout.longKey(session.getKey()));
                } else {
                    batch.put(h.sessions, StoreLayout.longKey(session.getKey()), session.getValue().toByteArray());
                }
            }
            putMaterializedZxid(dirty.zxid());
            dirty.clear();
        }

        private void putMaterializedZxid(long zxid) throws RocksDBException {
            batch.put(h.meta, StoreLayout.metaKey(StoreLayout.META_MATERIALIZED_ZXID), StoreLayout.longKey(zxid));
            materializedZxid = zxid;
        }

        void putMeta(StoreWrite.PutMeta put) throws RocksDBException {
            batch.put(h.meta, StoreLayout.metaKey(put.key()), put.value());
            needsSync = true;
            durableMeta.add(put.done());
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
