package zoolog.broker.metadata;

import java.util.List;

/** {@code /brokers/topics/<t>/partitions/<p>/state}: leader, its epoch, the controller epoch that wrote it, the ISR. */
public record PartitionState(int leader, int leaderEpoch, int controllerEpoch, List<Integer> isr) {

    public PartitionState {
        isr = List.copyOf(isr);
    }
}
