package zoolog.bench.load;

/**
 * The two operations the load generator issues: a read ({@code getData}) and a write
 * ({@code setData} of a whole value, any version). Each has its own latency histogram, because a
 * read is answered from the server's memory while a write waits for a quorum fsync, and mixing the
 * two in one distribution would hide both.
 */
public enum OpType {
    READ("getData"),
    WRITE("setData");

    private final String zookeeperName;

    OpType(String zookeeperName) {
        this.zookeeperName = zookeeperName;
    }

    /** The client API call this op type stands for, used in reports. */
    public String zookeeperName() {
        return zookeeperName;
    }
}
