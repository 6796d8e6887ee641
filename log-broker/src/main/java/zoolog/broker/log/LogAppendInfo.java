package zoolog.broker.log;

import zoolog.protocol.kafka.record.RecordError;

/**
 * What an append did: the offsets the leader assigned, the LogAppendTime it stamped (-1 for
 * CreateTime topics) and how many records were stored; or, when {@link #error()} is not NONE,
 * why nothing was stored. The produce path copies these into its response.
 */
public record LogAppendInfo(RecordError error, long firstOffset, long lastOffset, long logAppendTimeMillis,
                            int recordsCount) {

    static LogAppendInfo failed(RecordError error) {
        return new LogAppendInfo(error, -1, -1, -1, 0);
    }
}
