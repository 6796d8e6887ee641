package zoolog.broker.metadata;

import java.util.Map;

/** {@code /brokers/topics/<t>}: the topic id and the replica assignment, partition → broker ids. */
public record TopicRecord(String name, String topicId, Map<Integer, java.util.List<Integer>> assignment) {

    public TopicRecord {
        assignment = Map.copyOf(assignment);
    }
}
