package zoolog.coord.store;

import java.util.Objects;

/**
 * The ZAB epochs and ensemble id a member last made durable with {@code DurableOp.SaveEpochs}, as
 * {@link CoordStore#epochs} reads them back after a restart ({@link #NONE} when never written).
 * They live in the {@code meta} column family under the keys listed in {@link StoreLayout}.
 *
 * @param acceptedEpoch the newest epoch this member promised to follow (ZooKeeper's acceptedEpoch file)
 * @param currentEpoch the epoch of the leader whose history it last took (ZooKeeper's currentEpoch file)
 * @param ensembleId the ensemble its data belongs to; empty when never written
 */
public record StoredEpochs(long acceptedEpoch, long currentEpoch, String ensembleId) {

    /** A store that has never saved epochs. */
    public static final StoredEpochs NONE = new StoredEpochs(0, 0, "");

    public StoredEpochs {
        Objects.requireNonNull(ensembleId, "ensembleId");
    }
}
