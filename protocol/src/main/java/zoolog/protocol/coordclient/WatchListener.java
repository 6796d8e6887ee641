package zoolog.protocol.coordclient;

/**
 * A one-shot watch set by getData, exists or getChildren: called at most once, on the client's
 * {@code coord-client-events} thread, after the reply that set it has completed its future. The
 * same listener set on the same path by several calls fires once per event, as in ZooKeeper.
 */
@FunctionalInterface
public interface WatchListener {
    void onWatch(WatchEvent event);
}
