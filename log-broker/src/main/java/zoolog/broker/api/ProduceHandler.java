package zoolog.broker.api;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import zoolog.broker.net.Reply;
import zoolog.broker.partition.AppendOutcome;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.TopicPartition;
import zoolog.broker.topic.TopicInfo;
import zoolog.broker.topic.TopicManager;
import zoolog.protocol.kafka.KafkaError;
import zoolog.protocol.kafka.Produce;
import zoolog.protocol.kafka.record.RecordBatchValidator;
import zoolog.protocol.kafka.record.RecordError;

/**
 * Produce: checks each partition's batch against the rules a client batch must follow (exactly
 * one v2 batch, base offset 0, dense offsets, size within {@code max.message.bytes}), then appends
 * it as leader. With one replica in the ISR the append completes {@code acks=all} at once, so the
 * response is built synchronously; {@code acks=0} gets no response at all. A bad batch fails only
 * its own partition.
 */
final class ProduceHandler {

    private final ReplicaManager replicas;
    private final TopicManager topics;
    private final int minInsyncReplicasDefault;
    private final Clock clock;

    ProduceHandler(ReplicaManager replicas, TopicManager topics, int minInsyncReplicasDefault, Clock clock) {
        this.replicas = replicas;
        this.topics = topics;
        this.minInsyncReplicasDefault = minInsyncReplicasDefault;
        this.clock = clock;
    }

    Reply handle(Produce.Request request) throws IOException {
        KafkaError requestError = KafkaError.NONE;
        if (request.acks() != -1 && request.acks() != 0 && request.acks() != 1) {
            requestError = KafkaError.INVALID_REQUIRED_ACKS;
        } else if (request.transactionalId() != null) {
            requestError = KafkaError.INVALID_REQUEST;
        }
        List<Produce.TopicProduceResponse> responses = new ArrayList<>();
        for (Produce.TopicProduceData topic : request.topicData()) {
            Optional<TopicInfo> info = topics.topic(topic.name());
            List<Produce.PartitionProduceResponse> partitions = new ArrayList<>();
            for (Produce.PartitionProduceData data : topic.partitionData()) {
                AppendOutcome outcome = requestError != KafkaError.NONE
                        ? AppendOutcome.failed(requestError)
                        : append(info, new TopicPartition(topic.name(), data.index()), data.records(), request.acks());
                partitions.add(new Produce.PartitionProduceResponse(data.index(), outcome.error().code(),
                        outcome.baseOffset(), outcome.logAppendTimeMs(), outcome.logStartOffset()));
            }
            responses.add(new Produce.TopicProduceResponse(topic.name(), partitions));
        }
        return request.acks() == 0 ? Reply.none() : Reply.of(new Produce.Response(responses, 0));
    }

    private AppendOutcome append(Optional<TopicInfo> info, TopicPartition tp, ByteBuf records, short acks)
            throws IOException {
        if (info.isEmpty() || tp.partition() < 0 || tp.partition() >= info.get().partitionCount()) {
            return AppendOutcome.failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (records == null) {
            return AppendOutcome.failed(KafkaError.CORRUPT_MESSAGE);
        }
        ByteBuffer batch = records.nioBuffer();
        RecordError shape = RecordBatchValidator.validateProducerBatch(batch.duplicate(),
                info.get().logConfig().maxMessageBytes());
        if (shape != RecordError.NONE) {
            return AppendOutcome.failed(KafkaError.valueOf(shape.name()));
        }
        int minInsync = info.get().minInsyncReplicas().orElse(minInsyncReplicasDefault);
        return replicas.append(tp, batch, acks, minInsync, clock.millis());
    }
}
