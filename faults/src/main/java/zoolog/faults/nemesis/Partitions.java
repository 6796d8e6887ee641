package zoolog.faults.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import zoolog.faults.proxy.Link;

/**
 * Builds the {@link Partition} of each {@link PartitionShape} from the server ids, a seeded random
 * source and (for the isolated leader) the leader's id. Pure: the same inputs give the same cut.
 */
public final class Partitions {

    private Partitions() {
    }

    public static Partition of(PartitionShape shape, List<Integer> ids, int leader, RandomGenerator random) {
        return switch (shape) {
            case MAJORITY_MINORITY -> majorityMinority(ids, random);
            case ISOLATED_LEADER -> isolate(ids, leader);
            case BRIDGE -> bridge(ids, random);
        };
    }

    /** A random minority of (N-1)/2 nodes against the majority. */
    public static Partition majorityMinority(List<Integer> ids, RandomGenerator random) {
        List<Integer> shuffled = shuffled(ids, random);
        int minority = (ids.size() - 1) / 2;
        List<Integer> small = sorted(shuffled.subList(0, minority));
        List<Integer> large = sorted(shuffled.subList(minority, shuffled.size()));
        return new Partition(side(small) + " | " + side(large), between(small, large));
    }

    /** {@code node} alone against everyone else. */
    public static Partition isolate(List<Integer> ids, int node) {
        List<Integer> rest = ids.stream().filter(id -> id != node).sorted().toList();
        return new Partition(side(List.of(node)) + " | " + side(rest), between(List.of(node), rest));
    }

    /**
     * A random bridge node that reaches everyone, and the others split into two halves that do not
     * reach each other. With 3 nodes each half is one node; with 5 each half is two.
     */
    public static Partition bridge(List<Integer> ids, RandomGenerator random) {
        List<Integer> shuffled = shuffled(ids, random);
        int bridge = shuffled.get(0);
        List<Integer> others = shuffled.subList(1, shuffled.size());
        int half = others.size() / 2;
        List<Integer> left = sorted(others.subList(0, half));
        List<Integer> right = sorted(others.subList(half, others.size()));
        return new Partition(side(left) + " - " + bridge + " - " + side(right), between(left, right));
    }

    private static Set<Link> between(List<Integer> sideA, List<Integer> sideB) {
        Set<Link> cut = new HashSet<>();
        for (int a : sideA) {
            for (int b : sideB) {
                cut.add(new Link(a, b));
                cut.add(new Link(b, a));
            }
        }
        return cut;
    }

    private static List<Integer> shuffled(List<Integer> ids, RandomGenerator random) {
        List<Integer> copy = new ArrayList<>(ids);
        Collections.sort(copy);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    private static List<Integer> sorted(List<Integer> ids) {
        return ids.stream().sorted().toList();
    }

    private static String side(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
    }
}
