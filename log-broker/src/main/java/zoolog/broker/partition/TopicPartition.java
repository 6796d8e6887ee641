package zoolog.broker.partition;

/** A partition named the way Kafka names it: topic and index, shown as {@code <topic>-<partition>}. */
public record TopicPartition(String topic, int partition) {

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
