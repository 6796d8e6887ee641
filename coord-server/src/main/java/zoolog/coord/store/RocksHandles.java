package zoolog.coord.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WALRecoveryMode;

/**
 * One open RocksDB database with the store's four column families, and the native objects that
 * must outlive it. It exists so that opening (read-write or read-only) and closing in the one
 * order RocksDB tolerates (background work cancelled, column family handles, database, then
 * options) live in one place: closing natives in the wrong order or using them after close
 * crashes the JVM instead of throwing. Not thread-safe to close; the owner serialises that.
 */
final class RocksHandles implements AutoCloseable {
    /** How often a read-only open is tried: a live server may delete a file the open is reading. */
    static final int READ_ONLY_OPEN_ATTEMPTS_MAX = 3;
    /** Old RocksDB info LOG files kept in the database directory. */
    private static final int INFO_LOG_FILES_MAX = 5;
    /** WAL bytes after which RocksDB flushes memtables so old WAL files can go. */
    private static final long WAL_TOTAL_BYTES_MAX = 256L * 1024 * 1024;

    static {
        RocksDB.loadLibrary();
    }

    final RocksDB db;
    final ColumnFamilyHandle log;
    final ColumnFamilyHandle nodes;
    final ColumnFamilyHandle sessions;
    final ColumnFamilyHandle meta;
    private final List<ColumnFamilyHandle> allHandles;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final boolean readOnly;

    private RocksHandles(RocksDB db, List<ColumnFamilyHandle> handles, DBOptions dbOptions,
                         ColumnFamilyOptions cfOptions, boolean readOnly) throws StoreException {
        this.db = db;
        this.allHandles = handles;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.readOnly = readOnly;
        this.log = find(handles, StoreLayout.CF_LOG);
        this.nodes = find(handles, StoreLayout.CF_NODES);
        this.sessions = find(handles, StoreLayout.CF_SESSIONS);
        this.meta = find(handles, StoreLayout.CF_META);
    }

    /** Opens (creating if missing) the live database; {@code walDir} null keeps the WAL inside it. */
    static RocksHandles openReadWrite(Path dbDir, Path walDir) throws StoreException {
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // A torn record at the WAL's end (kill -9 mid-write) is dropped, never fatal.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setKeepLogFileNum(INFO_LOG_FILES_MAX)
                .setMaxTotalWalSize(WAL_TOTAL_BYTES_MAX);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        try {
            Files.createDirectories(dbDir);
            if (walDir != null) {
                Files.createDirectories(walDir);
                dbOptions.setWalDir(walDir.toString());
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
            for (String name : List.of(StoreLayout.CF_LOG, StoreLayout.CF_NODES, StoreLayout.CF_SESSIONS, StoreLayout.CF_META)) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dbDir.toString(), descriptors, handles);
            return new RocksHandles(db, handles, dbOptions, cfOptions, false);
        } catch (Exception e) {
            cfOptions.close();
            dbOptions.close();
            throw new StoreException("cannot open the store at " + dbDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a database without taking its lock, so it works while a server has it open: the view
     * is the database as of this call, WAL included. {@code walDir} is null for a snapshot (a
     * checkpoint keeps its WAL inside) and for a live database whose WAL is not separate.
     */
    static RocksHandles openReadOnly(Path dbDir, Path walDir) throws StoreException {
        if (!Files.isDirectory(dbDir)) {
            throw new StoreException("no store at " + dbDir);
        }
        StoreException last = null;
        for (int attempt = 1; attempt <= READ_ONLY_OPEN_ATTEMPTS_MAX; attempt++) {
            try {
                return tryOpenReadOnly(dbDir, walDir);
            } catch (StoreException e) {
                last = e;
            }
        }
        throw last;
    }

    private static RocksHandles tryOpenReadOnly(Path dbDir, Path walDir) throws StoreException {
        DBOptions dbOptions = new DBOptions();
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        try (Options listOptions = new Options()) {
            if (walDir != null) {
                dbOptions.setWalDir(walDir.toString());
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(listOptions, dbDir.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name, cfOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.openReadOnly(dbOptions, dbDir.toString(), descriptors, handles);
            try {
                return new RocksHandles(db, handles, dbOptions, cfOptions, true);
            } catch (StoreException notOurs) {
                handles.forEach(ColumnFamilyHandle::close);
                db.close();
                throw notOurs;
            }
        } catch (RocksDBException e) {
            cfOptions.close();
            dbOptions.close();
            throw new StoreException("cannot open the store at " + dbDir + " read-only: " + e.getMessage(), e);
        } catch (StoreException e) {
            cfOptions.close();
            dbOptions.close();
            throw e;
        }
    }

    private static ColumnFamilyHandle find(List<ColumnFamilyHandle> handles, String name) throws StoreException {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (ColumnFamilyHandle handle : handles) {
            try {
                if (Arrays.equals(handle.getName(), wanted)) {
                    return handle;
                }
            } catch (RocksDBException e) {
                throw new StoreException("cannot read a column family name: " + e.getMessage(), e);
            }
        }
        throw new StoreException("not a coordination store: column family '" + name + "' is missing");
    }

    /** Closes everything in RocksDB's order; the database must no longer be in use by any thread. */
    @Override
    public void close() throws StoreException {
        RocksDBException failure = null;
        if (!readOnly) {
            db.cancelAllBackgroundWork(true);
        }
        for (ColumnFamilyHandle handle : allHandles) {
            handle.close();
        }
        try {
            db.closeE();
        } catch (RocksDBException e) {
            failure = e;
        }
        cfOptions.close();
        dbOptions.close();
        if (failure != null) {
            throw new StoreException("closing the store failed: " + failure.getMessage(), failure);
        }
    }
}
