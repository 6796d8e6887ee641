package zoolog.broker.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The broker's small durable state in one RocksDB instance (ARCHITECTURE.md decision 5): committed
 * group offsets and idempotent-producer state, one column family each ({@link Family}). Partition
 * data never goes here; it stays in segment files. Every write is synced before it returns, because
 * a committed offset or a producer's last sequence that a restart forgets would let a consumer
 * re-read or a producer's retry be appended twice. Thread-safe (RocksDB is); callers that need an
 * order among writes impose it themselves.
 */
public final class BrokerStateDb implements AutoCloseable {

    /** The directory under the first {@code log.dirs} entry; the leading dot keeps it from looking like a partition. */
    public static final String DIRECTORY_NAME = ".zoolog-state";

    /** What each column family holds. */
    public enum Family {
        /** Key: group, topic, partition; value: the committed offset and its metadata. */
        GROUP_OFFSETS("group-offsets"),
        /** Key: topic, partition; value: that partition's producer-state snapshot. */
        PRODUCER_STATE("producer-state");

        private final String columnFamilyName;

        Family(String columnFamilyName) {
            this.columnFamilyName = columnFamilyName;
        }
    }

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions syncWrites;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Family, ColumnFamilyHandle> byFamily = new EnumMap<>(Family.class);

    private BrokerStateDb(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
                          List<ColumnFamilyHandle> handles) {
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.handles = handles;
        this.syncWrites = new WriteOptions().setSync(true);
        for (Family family : Family.values()) {
            byFamily.put(family, handles.get(family.ordinal() + 1));
        }
    }

    /** Opens (creating if needed) the state database in {@code logDir/.zoolog-state}. */
    public static BrokerStateDb open(Path logDir) throws IOException {
        Path dir = logDir.resolve(DIRECTORY_NAME);
        Files.createDirectories(dir);
        DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (Family family : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.columnFamilyName.getBytes(StandardCharsets.UTF_8),
                    cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            return new BrokerStateDb(db, dbOptions, cfOptions, handles);
        } catch (RocksDBException e) {
            dbOptions.close();
            cfOptions.close();
            throw new IOException("cannot open the broker state database in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The value stored under {@code key}, or null. */
    public byte[] get(Family family, byte[] key) throws IOException {
        try {
            return db.get(byFamily.get(family), key);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Stores {@code value} under {@code key}, synced to disk before returning. */
    public void put(Family family, byte[] key, byte[] value) throws IOException {
        try {
            db.put(byFamily.get(family), syncWrites, key, value);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /**
     * Applies puts ({@code value != null}) and deletes ({@code value == null}) atomically and
     * synced: either all of them survive a crash or none does.
     */
    public void write(Family family, Map<byte[], byte[]> changes) throws IOException {
        try (WriteBatch batch = new WriteBatch()) {
            ColumnFamilyHandle handle = byFamily.get(family);
            for (Map.Entry<byte[], byte[]> change : changes.entrySet()) {
                if (change.getValue() == null) {
                    batch.delete(handle, change.getKey());
                } else {
                    batch.put(handle, change.getKey(), change.getValue());
                }
            }
            db.write(syncWrites, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /** Calls {@code visitor} for every entry whose key starts with {@code prefix}, in key order. */
    public void scan(Family family, byte[] prefix, BiConsumer<byte[], byte[]> visitor) {
        try (RocksIterator it = db.newIterator(byFamily.get(family))) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                visitor.accept(it.key(), it.value());
            }
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static IOException failure(String what, RocksDBException e) {
        return new IOException("broker state database " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
        syncWrites.close();
        dbOptions.close();
        cfOptions.close();
    }
}
