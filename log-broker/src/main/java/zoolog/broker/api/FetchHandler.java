package zoolog.broker.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import zoolog.broker.log.LogReadResult;
import zoolog.broker.net.Reply;
import zoolog.broker.net.RequestContext;
import zoolog.broker.partition.AppendListeners;
import zoolog.broker.partition.Partition;
import zoolog.broker.partition.ReadOutcome;
import zoolog.broker.partition.ReplicaManager;
import zoolog.broker.partition.TopicPartition;
import zoolog.protocol.kafka.Fetch;
import zoolog.protocol.kafka.KafkaError;

/**
 * Fetch: reads whole batches below the high watermark from each requested partition and sends
 * them with zero-copy. When less than {@code minBytes} is available the request waits (long
 * polling) until appends to its partitions bring enough bytes or {@code maxWaitMs} passes, then
 * reads again. Fetch sessions are not kept: every response has session id 0, which makes clients
 * send full requests, and a full response lists exactly the partitions requested.
 */
final class FetchHandler {

    private final ReplicaManager replicas;

    FetchHandler(ReplicaManager replicas) {
        this.replicas = replicas;
    }

    CompletableFuture<Reply> handle(RequestContext context, Fetch.Request request) throws IOException {
        Reads first = read(request);
        if (request.maxWaitMs() <= 0 || first.bytes >= request.minBytes() || first.anyError
                || first.partitions.isEmpty()) {
            return CompletableFuture.completedFuture(first.reply());
        }
        return new WaitingFetch(context, request, first.bytes).start();
    }

    /** One round of reads over every requested partition, within the request's byte limits. */
    private Reads read(Fetch.Request request) throws IOException {
        Reads reads = new Reads();
        int remaining = request.maxBytes();
        for (Fetch.FetchTopic topic : request.topics()) {
            List<Fetch.PartitionData> partitions = new ArrayList<>();
            for (Fetch.FetchPartition fetch : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.topic(), fetch.partition());
                reads.partitions.add(tp);
                Partition partition = replicas.partition(tp);
                ReadOutcome outcome = partition == null
                        ? ReadOutcome.failed(KafkaError.UNKNOWN_TOPIC_OR_PARTITION)
                        : partition.read(fetch.fetchOffset(), Math.max(0, Math.min(fetch.partitionMaxBytes(), remaining)),
                                reads.bytes == 0);
                remaining -= outcome.sizeInBytes();
                reads.bytes += outcome.sizeInBytes();
                reads.anyError |= outcome.error() != KafkaError.NONE;
                partitions.add(reads.partitionData(fetch.partition(), outcome));
            }
            reads.topics.add(new Fetch.FetchableTopicResponse(topic.topic(), partitions));
        }
        return reads;
    }

    private static final class Reads {
        final List<Fetch.FetchableTopicResponse> topics = new ArrayList<>();
        final List<TopicPartition> partitions = new ArrayList<>();
        final Map<ByteBuf, LogReadResult> regions = new IdentityHashMap<>();
        long bytes;
        boolean anyError;

        Fetch.PartitionData partitionData(int index, ReadOutcome outcome) {
            ByteBuf records = Unpooled.EMPTY_BUFFER;
            if (outcome.sizeInBytes() > 0) {
                records = Unpooled.buffer(0);
                regions.put(records, outcome.records());
            }
            return new Fetch.PartitionData(index, outcome.error().code(), outcome.highWatermark(),
                    outcome.lastStableOffset(), outcome.logStartOffset(), List.of(), -1, records);
        }

        Reply reply() {
            return new Reply(new Fetch.Response(0, KafkaError.NONE.code(), 0, topics), regions);
        }
    }

    /**
     * A fetch parked until enough bytes were appended to its partitions or its wait ran out.
     * Appends notify from any thread; the final read runs on the connection's event loop.
     */
    private final class WaitingFetch implements AppendListeners.Listener {
        private final RequestContext context;
        private final Fetch.Request request;
        private final AtomicLong bytesNeeded;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final CompletableFuture<Reply> reply = new CompletableFuture<>();
        private List<TopicPartition> partitions;
        private ScheduledFuture<?> timeout;

        WaitingFetch(RequestContext context, Fetch.Request request, long bytesAvailable) {
            this.context = context;
            this.request = request;
            this.bytesNeeded = new AtomicLong(request.minBytes() - bytesAvailable);
        }

        CompletableFuture<Reply> start() throws IOException {
            partitions = new ArrayList<>();
            request.topics().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.topic(),
                    p.partition()))));
            replicas.appendListeners().register(partitions, this);
            timeout = context.eventLoop().schedule(this::finish, request.maxWaitMs(), TimeUnit.MILLISECONDS);
            // An append between the first read and the registration would otherwise go unnoticed.
            Reads again = read(request);
            if (again.bytes >= request.minBytes()) {
                finish();
            }
            return reply;
        }

        @Override
        public void onAppend(TopicPartition tp, int bytes) {
            if (bytesNeeded.addAndGet(-bytes) <= 0) {
                context.eventLoop().execute(this::finish);
            }
        }

        private void finish() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            replicas.appendListeners().unregister(partitions, this);
            timeout.cancel(false);
            try {
                reply.complete(read(request).reply());
            } catch (IOException | RuntimeException e) {
                reply.completeExceptionally(e);
            }
        }
    }
}
