package zoolog.coord.tree;

/**
 * How ZooKeeper packs a znode's special kind into {@code ephemeralOwner}: a session id for
 * ephemerals, {@link #CONTAINER_OWNER} for containers, and {@link #TTL_MASK} | ttl for TTL nodes.
 * Keeping ZooKeeper's encoding means our store and txns carry one long, as ZooKeeper's do, and
 * clients see 0 for containers and TTL nodes.
 */
public final class EphemeralType {

    public static final long CONTAINER_OWNER = Long.MIN_VALUE;
    public static final long TTL_MASK = 0xFF00_0000_0000_0000L;
    /** Largest TTL ZooKeeper accepts: 40 bits of milliseconds (about 34 years). */
    public static final long TTL_MILLIS_MAX = 0xFF_FFFF_FFFFL;

    private EphemeralType() {}

    public static boolean isContainer(long owner) {
        return owner == CONTAINER_OWNER;
    }

    public static boolean isTtl(long owner) {
        return owner != CONTAINER_OWNER && (owner & TTL_MASK) == TTL_MASK;
    }

    /** A plain ephemeral owned by a session. */
    public static boolean isSessionOwned(long owner) {
        return owner != 0 && !isContainer(owner) && !isTtl(owner);
    }

    public static long ttlMillis(long owner) {
        return owner & ~TTL_MASK;
    }

    public static long ttlOwner(long ttlMillis) {
        return TTL_MASK | ttlMillis;
    }

    /** What clients see in Stat.ephemeralOwner. */
    public static long clientOwner(long owner) {
        return isSessionOwned(owner) ? owner : 0;
    }
}
