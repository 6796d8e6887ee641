package zoolog.broker.net;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import zoolog.broker.log.LogReadResult;
import zoolog.protocol.kafka.KafkaResponse;

/**
 * What a handler gives back for one request: a response, with the file regions to splice into
 * its RECORDS fields (each stood in for by a token buffer in the response, see
 * {@link zoolog.protocol.kafka.RecordsSplicer}); or nothing at all, for Produce with
 * {@code acks=0}. The region map must be an {@code IdentityHashMap}: tokens are told apart by
 * identity, and empty buffers are all equal by content.
 */
public record Reply(KafkaResponse response, Map<ByteBuf, LogReadResult> regions) {

    private static final Reply NONE = new Reply(null, Map.of());

    public static Reply of(KafkaResponse response) {
        return new Reply(response, Map.of());
    }

    /** No response goes out. */
    public static Reply none() {
        return NONE;
    }

    public boolean isNone() {
        return response == null;
    }
}
