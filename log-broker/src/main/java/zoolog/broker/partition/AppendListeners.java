package zoolog.broker.partition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fetch "purgatory": consumers whose Fetch found too little data register here for the
 * partitions they read, and every append tells the listeners of its partition how many bytes
 * arrived. Completing or timing out a waiting fetch is the listener's business; this is only the
 * index from partition to waiters. Thread-safe: appends on any connection's thread notify.
 */
public final class AppendListeners {

    /** Told of appends to the partitions it was registered for. */
    public interface Listener {
        void onAppend(TopicPartition tp, int bytes);
    }

    private final ConcurrentHashMap<TopicPartition, Set<Listener>> byPartition = new ConcurrentHashMap<>();

    public void register(Collection<TopicPartition> partitions, Listener listener) {
        for (TopicPartition tp : partitions) {
            byPartition.computeIfAbsent(tp, unused -> ConcurrentHashMap.newKeySet()).add(listener);
        }
    }

    public void unregister(Collection<TopicPartition> partitions, Listener listener) {
        for (TopicPartition tp : partitions) {
            byPartition.computeIfPresent(tp, (unused, listeners) -> {
                listeners.remove(listener);
                return listeners.isEmpty() ? null : listeners;
            });
        }
    }

    void appended(TopicPartition tp, int bytes) {
        Set<Listener> listeners = byPartition.get(tp);
        if (listeners != null) {
            for (Listener listener : listeners) {
                listener.onAppend(tp, bytes);
            }
        }
    }
}
