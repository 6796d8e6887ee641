package zoolog.broker.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import zoolog.broker.log.TimestampAndOffset;
import zoolog.broker.partition.Partition;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.TopicPartition;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.ListOffsets;

/**
 * ListOffsets: where a consumer may start. Timestamp -2 is the log start offset (earliest), -1
 * the high watermark (latest), anything else the first offset whose record is at least that old.
 * v0 answers with a list of offsets instead of one offset and timestamp.
 */
final class ListOffsetsHandler {

    private final ReplicaManager replicas;

    ListOffsetsHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    ListOffsets.Response handle(ListOffsets.Request request) throws IOException {
        List<ListOffsets.ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsets.ListOffsetsTopic topic : request.topics()) {
            List<ListOffsets.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsets.ListOffsetsPartition p : topic.partitions()) {
                partitions.add(lookup(new TopicPartition(topic.name(), p.partitionIndex()), p.timestamp()));
            }
            topics.add(new ListOffsets.ListOffsetsTopicResponse(topic.name(), partitions));
        }
        return new ListOffsets.Response(0, topics);
    }

    private ListOffsets.ListOffsetsPartitionResponse lookup(TopicPartition tp, long timestamp) throws IOException {
        Partition partition = replicas.partition(tp);
        if (partition == null) {
            return new ListOffsets.ListOffsetsPartitionResponse(tp.partition(),
                    KafkaError.UNKNOWN_TOPIC_OR_PARTITION.code(), List.of(), -1, -1);
        }
        Optional<TimestampAndOffset> found = partition.offsetFor(timestamp);
        List<Long> oldStyle = found.map(f -> List.of(f.offset())).orElse(List.of());
        return new ListOffsets.ListOffsetsPartitionResponse(tp.partition(), KafkaError.NONE.code(), oldStyle,
                found.map(TimestampAndOffset::timestamp).orElse(-1L), found.map(TimestampAndOffset::offset).orElse(-1L));
    }
}
