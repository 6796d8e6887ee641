package zoolog.coord.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import zoolog.protocol.txn.StoredNode;
import zoolog.protocol.txn.StoredSession;
import zoolog.protocol.txn.Txn;

/**
 * Reads the store's column families in key order and parses each record, checking that keys and
 * values agree (a txn's zxid is its key, a session's id is its key): the write-side encoding is
 * checked again on the way back in. Used by {@link CoordStore#load} on the caller's thread and by
 * {@link StoreReader} in the dump tools; every call reads through the given {@link ReadOptions},
 * which pin one RocksDB snapshot so the four column families are seen at the same instant.
 */
final class StoreScan {
    private StoreScan() {}

    static long materializedZxid(RocksHandles h, ReadOptions read) throws StoreException {
        try {
            byte[] value = h.db.get(h.meta, read, StoreLayout.metaKey(StoreLayout.META_MATERIALIZED_ZXID));
            return value == null ? 0 : StoreLayout.readLong(value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read " + StoreLayout.META_MATERIALIZED_ZXID + ": " + e.getMessage(), e);
        }
    }

    /** The highest zxid in the log, or 0 when the log is empty. */
    static long lastLogZxid(RocksHandles h, ReadOptions read) throws StoreException {
        try (RocksIterator it = h.db.newIterator(h.log, read)) {
            it.seekToLast();
            long zxid = it.isValid() ? StoreLayout.readLong(it.key()) : 0;
            it.status();
            return zxid;
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the end of the log: " + e.getMessage(), e);
        }
    }

    /** The lowest zxid in the log, or 0 when the log is empty. */
    static long firstLogZxid(RocksHandles h, ReadOptions read) throws StoreException {
        try (RocksIterator it = h.db.newIterator(h.log, read)) {
            it.seekToFirst();
            long zxid = it.isValid() ? StoreLayout.readLong(it.key()) : 0;
            it.status();
            return zxid;
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the start of the log: " + e.getMessage(), e);
        }
    }

    static void nodes(RocksHandles h, ReadOptions read, BiConsumer<String, StoredNode> visitor) throws StoreException {
        try (RocksIterator it = h.db.newIterator(h.nodes, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                String path = StoreLayout.path(it.key());
                try {
                    visitor.accept(path, StoredNode.parseFrom(it.value()));
                } catch (InvalidProtocolBufferException e) {
                    throw new StoreException("corrupt node record at '" + path + "': " + e.getMessage(), e);
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the nodes: " + e.getMessage(), e);
        }
    }

    static void sessions(RocksHandles h, ReadOptions read, Consumer<StoredSession> visitor) throws StoreException {
        try (RocksIterator it = h.db.newIterator(h.sessions, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long sessionId = StoreLayout.readLong(it.key());
                StoredSession session;
                try {
                    session = StoredSession.parseFrom(it.value());
                } catch (InvalidProtocolBufferException e) {
                    throw new StoreException("corrupt session record 0x" + Long.toHexString(sessionId) + ": " + e.getMessage(), e);
                }
                if (session.getSessionId() != sessionId) {
                    throw new StoreException("session record under key 0x" + Long.toHexString(sessionId)
                            + " holds session 0x" + Long.toHexString(session.getSessionId()));
                }
                visitor.accept(session);
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the sessions: " + e.getMessage(), e);
        }
    }

    /** Visits every logged txn with a zxid greater than {@code afterZxid}, in zxid order. */
    static void txnsAfter(RocksHandles h, ReadOptions read, long afterZxid, Consumer<Txn> visitor) throws StoreException {
        txnsAfter(h, read, afterZxid, Long.MAX_VALUE, visitor);
    }

    /** Visits the first {@code max} logged txns with a zxid greater than {@code afterZxid}, in zxid order. */
    static void txnsAfter(RocksHandles h, ReadOptions read, long afterZxid, long max, Consumer<Txn> visitor)
            throws StoreException {
        if (afterZxid == Long.MAX_VALUE) {
            return;
        }
        long visited = 0;
        try (RocksIterator it = h.db.newIterator(h.log, read)) {
            for (it.seek(StoreLayout.longKey(Math.max(0, afterZxid + 1))); it.isValid() && visited < max; it.next()) {
                long zxid = StoreLayout.readLong(it.key());
                Txn txn;
                try {
                    txn = Txn.parseFrom(it.value());
                } catch (InvalidProtocolBufferException e) {
                    throw new StoreException("corrupt txn record 0x" + Long.toHexString(zxid) + ": " + e.getMessage(), e);
                }
                if (txn.getZxid() != zxid) {
                    throw new StoreException("log record under zxid 0x" + Long.toHexString(zxid)
                            + " holds txn 0x" + Long.toHexString(txn.getZxid()));
                }
                visitor.accept(txn);
                visited++;
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the log: " + e.getMessage(), e);
        }
    }

    /** The epochs saved by {@code SaveEpochs}, or {@link StoredEpochs#NONE} before the first. */
    static StoredEpochs epochs(RocksHandles h, ReadOptions read) throws StoreException {
        try {
            byte[] accepted = h.db.get(h.meta, read, StoreLayout.metaKey(StoreLayout.META_ACCEPTED_EPOCH));
            byte[] current = h.db.get(h.meta, read, StoreLayout.metaKey(StoreLayout.META_CURRENT_EPOCH));
            byte[] ensembleId = h.db.get(h.meta, read, StoreLayout.metaKey(StoreLayout.META_ENSEMBLE_ID));
            if (accepted == null && current == null && ensembleId == null) {
                return StoredEpochs.NONE;
            }
            if (accepted == null || current == null || ensembleId == null) {
                throw new StoreException("partial epochs in meta (they are written together): acceptedEpoch "
                        + (accepted != null) + ", currentEpoch " + (current != null) + ", ensembleId " + (ensembleId != null));
            }
            return new StoredEpochs(StoreLayout.readLong(accepted), StoreLayout.readLong(current), StoreLayout.utf8(ensembleId));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the epochs: " + e.getMessage(), e);
        }
    }
}
