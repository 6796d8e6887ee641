package zoolog.protocol.zk;

/**
 * Znode metadata as clients see it (jute {@code Stat}, 68 bytes on the wire). {@code cversion} here
 * is the client-visible value (child creations plus deletions), not the stored creation count.
 */
public record Stat(
        long czxid,
        long mzxid,
        long ctime,
        long mtime,
        int version,
        int cversion,
        int aversion,
        long ephemeralOwner,
        int dataLength,
        int numChildren,
        long pzxid) {
}
