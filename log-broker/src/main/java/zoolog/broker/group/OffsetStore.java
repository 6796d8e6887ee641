package zoolog.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Committed offsets of all groups in memory, mirrored durably through an {@link OffsetJournal}:
 * every change is persisted first and applied here only when the journal confirmed it, so memory
 * never shows an offset a crash could lose. Kept in sorted maps so OffsetFetch of "all" answers in
 * a stable order. Owned by {@link GroupCoordinator} on the group-core thread.
 */
final class OffsetStore {

    private final OffsetJournal journal;
    /** group → topic → partition → offset. */
    private final Map<String, NavigableMap<String, NavigableMap<Integer, CommittedOffset>>> byGroup =
            new TreeMap<>();

    OffsetStore(OffsetJournal journal, Map<OffsetKey, CommittedOffset> loaded) {
        this.journal = journal;
        loaded.forEach(this::apply);
    }

    boolean hasOffsets(String groupId) {
        return byGroup.containsKey(groupId);
    }

    Set<String> groupIds() {
        return byGroup.keySet();
    }

    CommittedOffset get(String groupId, String topic, int partition) {
        NavigableMap<String, NavigableMap<Integer, CommittedOffset>> topics = byGroup.get(groupId);
        NavigableMap<Integer, CommittedOffset> partitions = topics == null ? null : topics.get(topic);
        return partitions == null ? null : partitions.get(partition);
    }

    /** topic → partition → offset of one group, empty when it has none; do not modify. */
    NavigableMap<String, NavigableMap<Integer, CommittedOffset>> offsetsOf(String groupId) {
        return byGroup.getOrDefault(groupId, new TreeMap<>());
    }

    /** Persists then applies {@code changes}; false (and nothing applied) when the journal failed. */
    boolean commit(List<OffsetJournal.Change> changes) {
        if (changes.isEmpty()) {
            return true;
        }
        if (!journal.persist(List.copyOf(changes))) {
            return false;
        }
        for (OffsetJournal.Change change : changes) {
            apply(change.key(), change.value());
        }
        return true;
    }

    /** Deletes every group's offsets of {@code topic}; false when the journal failed. */
    boolean removeTopic(String topic) {
        List<OffsetJournal.Change> deletes = new ArrayList<>();
        byGroup.forEach((groupId, topics) -> {
            NavigableMap<Integer, CommittedOffset> partitions = topics.get(topic);
            if (partitions != null) {
                partitions.keySet().forEach(p -> deletes.add(new OffsetJournal.Change(
                        new OffsetKey(groupId, topic, p), null)));
            }
        });
        return commit(deletes);
    }

    private void apply(OffsetKey key, CommittedOffset value) {
        if (value != null) {
            byGroup.computeIfAbsent(key.groupId(), g -> new TreeMap<>())
                    .computeIfAbsent(key.topic(), t -> new TreeMap<>())
                    .put(key.partition(), value);
            return;
        }
        NavigableMap<String, NavigableMap<Integer, CommittedOffset>> topics = byGroup.get(key.groupId());
        if (topics == null) {
            return;
        }
        NavigableMap<Integer, CommittedOffset> partitions = topics.get(key.topic());
        if (partitions != null) {
            partitions.remove(key.partition());
            if (partitions.isEmpty()) {
                topics.remove(key.topic());
            }
        }
        if (topics.isEmpty()) {
            byGroup.remove(key.groupId());
        }
    }
}
