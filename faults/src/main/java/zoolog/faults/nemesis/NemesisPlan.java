package zoolog.faults.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The nemesis's schedule, fixed before the run from a seed: alternating calm and fault periods,
 * each lasting between half and all of {@code intervalNanos}, starting with a calm period (the
 * cluster settles and the clients start) and ending with every fault healed before the run's end.
 * Each step names its fault and how to pick its target at run time: the leader of that moment,
 * or the node {@code nodePick} selects. Pure and immutable: the same seed gives the same plan.
 */
public record NemesisPlan(List<Step> steps) {

    /**
     * One fault: injected at {@code startNanos} after the run started, healed {@code durationNanos} later.
     *
     * @param shape         the partition's shape; only for {@link NemesisKind#PARTITION}
     * @param targetLeader  kill or pause the current leader rather than the node {@code nodePick} picks (an
     *                      isolated-leader partition always isolates the leader when there is one)
     * @param nodePick      a random number; the target is {@code ids[nodePick % ids.size()]}
     */
    public record Step(long startNanos, long durationNanos, NemesisKind kind, PartitionShape shape,
            boolean targetLeader, int nodePick) {
    }

    public NemesisPlan {
        steps = List.copyOf(steps);
    }

    /** The plan for clients running from {@code startNanos} for {@code runNanos} on the history's clock. */
    public static NemesisPlan generate(Set<NemesisKind> kinds, long startNanos, long runNanos, long intervalNanos,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NemesisKind> kindList = kinds.stream().sorted().toList();
        List<Step> steps = new ArrayList<>();
        if (kindList.isEmpty()) {
            return new NemesisPlan(steps);
        }
        long half = intervalNanos / 2;
        long time = startNanos + half + random.nextLong(half + 1);
        while (true) {
            long duration = half + random.nextLong(half + 1);
            if (time + duration > startNanos + runNanos) {
                break;
            }
            NemesisKind kind = kindList.get(random.nextInt(kindList.size()));
            PartitionShape shape = kind == NemesisKind.PARTITION
                    ? PartitionShape.values()[random.nextInt(PartitionShape.values().length)] : null;
            steps.add(new Step(time, duration, kind, shape, random.nextBoolean(), random.nextInt(Integer.MAX_VALUE)));
            time += duration + half + random.nextLong(half + 1);
        }
        return new NemesisPlan(steps);
    }
}
