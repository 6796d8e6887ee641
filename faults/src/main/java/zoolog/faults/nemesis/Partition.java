package zoolog.faults.nemesis;

import java.util.Set;
import zoolog.faults.proxy.Link;

/**
 * One partition: the directed links it cuts (both directions of each pair) and how reports show
 * it, e.g. {@code [1 3] | [2]} or {@code [1] - 2 - [3]} for a bridge through node 2. Immutable.
 */
public record Partition(String description, Set<Link> cut) {

    public Partition {
        cut = Set.copyOf(cut);
    }
}
