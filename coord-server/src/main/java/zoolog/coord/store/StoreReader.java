package zoolog.coord.store;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.Snapshot;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * A read-only view of a store database for the dump tools: the live database (which may be open
 * in a running server at the same time, since a read-only open takes no lock) or one snapshot
 * directory. Everything is read from one RocksDB snapshot taken at open. Single-threaded: the
 * tool that opens it reads it and closes it.
 */
public final class StoreReader implements AutoCloseable {
    private final RocksHandles handles;
    private final Snapshot snapshot;
    private final ReadOptions read;

    private StoreReader(RocksHandles handles) {
        this.handles = handles;
        this.snapshot = handles.db.getSnapshot();
        this.read = new ReadOptions().setSnapshot(snapshot);
    }

    /** The live database under {@code dataDir}; {@code dataLogDir} as configured (may be null). */
    public static StoreReader openLive(Path dataDir, Path dataLogDir) throws StoreException {
        return new StoreReader(RocksHandles.openReadOnly(StoreLayout.dbDir(dataDir), StoreLayout.walDir(dataDir, dataLogDir)));
    }

    /** A {@code snapshot.<zxid>} directory: a checkpoint keeps its WAL inside itself. */
    public static StoreReader openSnapshot(Path snapshotDir) throws StoreException {
        return new StoreReader(RocksHandles.openReadOnly(snapshotDir, null));
    }

    public long materializedZxid() throws StoreException {
        return StoreScan.materializedZxid(handles, read);
    }

    /** The lowest zxid in the log, or 0 when it is empty. */
    public long firstLogZxid() throws StoreException {
        return StoreScan.firstLogZxid(handles, read);
    }

    /** The highest zxid in the log, or 0 when it is empty. */
    public long lastLogZxid() throws StoreException {
        return StoreScan.lastLogZxid(handles, read);
    }

    public void forEachNode(BiConsumer<String, StoredNode> visitor) throws StoreException {
        StoreScan.nodes(handles, read, visitor);
    }

    public void forEachSession(Consumer<StoredSession> visitor) throws StoreException {
        StoreScan.sessions(handles, read, visitor);
    }

    /** Every logged txn with a zxid above {@code afterZxid}, in zxid order. */
    public void forEachTxn(long afterZxid, Consumer<Txn> visitor) throws StoreException {
        StoreScan.txnsAfter(handles, read, afterZxid, visitor);
    }

    @Override
    public void close() throws StoreException {
        read.close();
        handles.db.releaseSnapshot(snapshot);
        handles.close();
    }
}
