package zoolog.protocol.zk;

/**
 * Wire constants of the watch protocol: event types and keeper states in {@code WatcherEvent},
 * the watcher types of checkWatches/removeWatches, and the addWatch modes.
 */
public final class Watches {
    public static final int EVENT_NONE = -1;
    public static final int EVENT_NODE_CREATED = 1;
    public static final int EVENT_NODE_DELETED = 2;
    public static final int EVENT_NODE_DATA_CHANGED = 3;
    public static final int EVENT_NODE_CHILDREN_CHANGED = 4;

    /** Every server-sent notification carries this state. */
    public static final int STATE_SYNC_CONNECTED = 3;

    public static final int TYPE_CHILDREN = 1;
    public static final int TYPE_DATA = 2;
    public static final int TYPE_ANY = 3;
    public static final int TYPE_PERSISTENT = 4;
    public static final int TYPE_PERSISTENT_RECURSIVE = 5;

    public static final int ADD_WATCH_PERSISTENT = 0;
    public static final int ADD_WATCH_PERSISTENT_RECURSIVE = 1;

    private Watches() {}
}
