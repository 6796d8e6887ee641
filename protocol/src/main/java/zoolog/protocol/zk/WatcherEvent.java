package zoolog.protocol.zk;

/** A watch notification, sent with xid -1; {@code state} is always SyncConnected from a server. */
public record WatcherEvent(int type, int state, String path) {
}
