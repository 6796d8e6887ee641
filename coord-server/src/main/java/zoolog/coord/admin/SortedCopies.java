package zoolog.coord.admin;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deep, sorted, immutable copies of the core's multimaps (watches, ephemerals). Taken on the core
 * thread so the dump can be formatted elsewhere, and sorted so the output reads in a stable order.
 */
public final class SortedCopies {

    private SortedCopies() {}

    public static <K extends Comparable<K>, V extends Comparable<V>> Map<K, Set<V>> of(Map<K, Set<V>> source) {
        TreeMap<K, Set<V>> copy = new TreeMap<>();
        source.forEach((key, values) -> copy.put(key, Collections.unmodifiableSet(new TreeSet<>(values))));
        return Collections.unmodifiableMap(copy);
    }
}
