package zoolog.coord.zab;

/** What a member is doing in the ensemble; only LEADING, FOLLOWING and OBSERVING serve clients. */
public enum Role {
    /** Electing a leader, or syncing with one: clients are turned away. */
    LOOKING,
    LEADING,
    FOLLOWING,
    OBSERVING,
    /** A single server without peers (no {@code server.N} lines): its own quorum of one. */
    STANDALONE
}
