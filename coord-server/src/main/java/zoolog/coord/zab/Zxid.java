package zoolog.coord.zab;

/**
 * ZooKeeper's transaction id: the leader's epoch in the high 32 bits and a counter in the low 32.
 * A new leader starts its epoch's counter at zero, so every zxid names the leader that proposed
 * it, and comparing zxids as longs orders histories across epochs.
 */
public final class Zxid {

    /** The counter's largest value; a leader that reaches it must hand over to a new epoch. */
    public static final long COUNTER_MAX = 0xffff_ffffL;

    private Zxid() {}

    public static long of(long epoch, long counter) {
        return (epoch << 32) | (counter & COUNTER_MAX);
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & COUNTER_MAX;
    }

    public static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
