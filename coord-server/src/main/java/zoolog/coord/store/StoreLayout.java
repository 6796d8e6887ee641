package zoolog.coord.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where the coordination store keeps its files and how its keys are encoded; shared by
 * {@link CoordStore} and the read-only dump tools. Everything here is a pure function.
 *
 * <pre>
 * &lt;dataDir&gt;/version-2/db/                   the live RocksDB database (SST files, MANIFEST, OPTIONS)
 * &lt;dataLogDir&gt;/version-2/wal/               its write-ahead log, only when dataLogDir is separate
 * &lt;dataDir&gt;/version-2/snapshot.&lt;hex zxid&gt;/   a RocksDB checkpoint: a complete, openable database
 *
 * column family  key                                   value
 * log            zxid, 8 bytes big-endian              Txn protobuf (its zxid field equals the key)
 * nodes          znode path, UTF-8 bytes               StoredNode protobuf
 * sessions       session id, 8 bytes big-endian        StoredSession protobuf (session_id equals the key)
 * meta           ASCII name                            per key, below
 *
 * meta key          value                    written by
 * materializedZxid  8 bytes big-endian       materialize (lazily), InstallSnapshot (synced)
 * acceptedEpoch     8 bytes big-endian       SaveEpochs (synced): the epoch this member last promised
 * currentEpoch      8 bytes big-endian       SaveEpochs (synced): the epoch whose leader it last followed
 * ensembleId        UTF-8                    SaveEpochs (synced): the ensemble its data belongs to
 * </pre>
 *
 * RocksDB compares keys as unsigned bytes, so big-endian zxids (never negative) iterate in zxid
 * order and a parent's path, being a prefix of its children's, sorts before them. The snapshot
 * suffix is {@code Long.toHexString} of the materialised zxid the checkpoint holds, as ZooKeeper
 * names its {@code snapshot.<zxid>} files.
 */
public final class StoreLayout {
    public static final String VERSION_DIR = "version-2";
    public static final String DB_DIR = "db";
    public static final String WAL_DIR = "wal";
    public static final String SNAPSHOT_PREFIX = "snapshot.";

    public static final String CF_LOG = "log";
    public static final String CF_NODES = "nodes";
    public static final String CF_SESSIONS = "sessions";
    public static final String CF_META = "meta";

    /** Meta key: the zxid the nodes and sessions column families reflect. */
    public static final String META_MATERIALIZED_ZXID = "materializedZxid";
    /** Meta key: ZAB's acceptedEpoch, the newest epoch this member promised to follow. */
    public static final String META_ACCEPTED_EPOCH = "acceptedEpoch";
    /** Meta key: ZAB's currentEpoch, the epoch of the leader whose history this member last took. */
    public static final String META_CURRENT_EPOCH = "currentEpoch";
    /** Meta key: the id of the ensemble this member's data belongs to. */
    public static final String META_ENSEMBLE_ID = "ensembleId";
    /** Meta keys with a single writer inside the store; {@code putMeta} refuses them. */
    public static final List<String> RESERVED_META_KEYS =
            List.of(META_MATERIALIZED_ZXID, META_ACCEPTED_EPOCH, META_CURRENT_EPOCH, META_ENSEMBLE_ID);

    /**
     * Range-delete bounds that cover every key of a column family: the empty key sorts first, and
     * nine 0xFF bytes sort after every 8-byte id and every UTF-8 path (0xFF never occurs in UTF-8).
     */
    static final byte[] KEYS_START = new byte[0];
    static final byte[] KEYS_END = {-1, -1, -1, -1, -1, -1, -1, -1, -1};

    private StoreLayout() {}

    public static Path dbDir(Path dataDir) {
        return dataDir.resolve(VERSION_DIR).resolve(DB_DIR);
    }

    /** The separate WAL directory, or null when the WAL stays inside the database directory. */
    public static Path walDir(Path dataDir, Path dataLogDir) {
        if (dataLogDir == null || dataLogDir.toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
            return null;
        }
        return dataLogDir.resolve(VERSION_DIR).resolve(WAL_DIR);
    }

    public static Path snapshotDir(Path dataDir, long zxid) {
        return dataDir.resolve(VERSION_DIR).resolve(SNAPSHOT_PREFIX + Long.toHexString(zxid));
    }

    /** The zxid in a {@code snapshot.<hex>} directory name, or empty for anything else. */
    public static OptionalLong snapshotZxid(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(SNAPSHOT_PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(name.substring(SNAPSHOT_PREFIX.length()), 16));
        } catch (NumberFormatException notOurs) {
            return OptionalLong.empty();
        }
    }

    /** Snapshot directories under {@code dataDir}, oldest (lowest zxid) first. */
    public static List<Path> snapshots(Path dataDir) throws IOException {
        Path versionDir = dataDir.resolve(VERSION_DIR);
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(versionDir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versionDir, SNAPSHOT_PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && snapshotZxid(entry).isPresent()) {
                    found.add(entry);
                }
            }
        }
        found.sort(Comparator.comparingLong(p -> snapshotZxid(p).getAsLong()));
        return found;
    }

    public static byte[] longKey(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    public static long readLong(byte[] bytes) throws StoreException {
        if (bytes.length != Long.BYTES) {
            throw new StoreException("expected an 8-byte key or value, found " + bytes.length + " bytes");
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    public static byte[] pathKey(String path) {
        return utf8(path);
    }

    public static String path(byte[] key) {
        return utf8(key);
    }

    public static byte[] metaKey(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
