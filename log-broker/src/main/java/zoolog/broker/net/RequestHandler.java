package zoolog.broker.net;

import java.util.concurrent.CompletableFuture;
import zoolog.protocol.kafka.KafkaRequestFrame;

/**
 * Answers decoded requests. Called on the connection's event loop in arrival order; a handler
 * that must wait (long-polled fetches, group rebalances, metadata writes) returns an incomplete
 * future, and the connection still sends responses in request order.
 */
public interface RequestHandler {
    CompletableFuture<Reply> handle(RequestContext context, KafkaRequestFrame request);
}
