package zoolog.coord.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one {@link CoordStore}, parsed once at the edge (zoo.cfg's {@code dataDir},
 * {@code dataLogDir}, {@code snapCount}).
 *
 * @param dataDir where the database and its snapshots live
 * @param dataLogDir where the write-ahead log lives; null (or equal to {@code dataDir}) keeps it
 *     inside the database directory
 * @param snapCount logged txns between two automatic snapshots; 0 disables automatic snapshots
 * @param queuedWritesMax writes that may wait for the writer thread before {@code append} blocks
 */
public record StoreConfig(Path dataDir, Path dataLogDir, int snapCount, int queuedWritesMax) {

    /** ZooKeeper's default {@code snapCount}. */
    public static final int SNAP_COUNT_DEFAULT = 100_000;

    public StoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (snapCount < 0) {
            throw new IllegalArgumentException("snapCount must be >= 0, got " + snapCount);
        }
        if (queuedWritesMax < 1) {
            throw new IllegalArgumentException("queuedWritesMax must be >= 1, got " + queuedWritesMax);
        }
    }

    /** The defaults: ZooKeeper's snapCount and {@link CoordStore#QUEUED_WRITES_MAX}. */
    public static StoreConfig of(Path dataDir, Path dataLogDir) {
        return new StoreConfig(dataDir, dataLogDir, SNAP_COUNT_DEFAULT, CoordStore.QUEUED_WRITES_MAX);
    }

    public StoreConfig withSnapCount(int newSnapCount) {
        return new StoreConfig(dataDir, dataLogDir, newSnapCount, queuedWritesMax);
    }

    public StoreConfig withQueuedWritesMax(int newQueuedWritesMax) {
        return new StoreConfig(dataDir, dataLogDir, snapCount, newQueuedWritesMax);
    }
}
