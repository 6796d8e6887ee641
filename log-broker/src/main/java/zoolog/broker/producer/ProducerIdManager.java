package zoolog.broker.producer;

import java.io.IOException;
import zoolog.broker.metadata.ZkMetadata;

/**
 * Hands out producer ids for InitProducerId from blocks claimed in {@code /latest_producer_id_block},
 * as a ZooKeeper-mode Kafka broker does: claiming a block is one conditional write, so brokers
 * never hand out the same id, and a restart claims a fresh block rather than reusing ids.
 * Thread-safe; a claim blocks on the coordination server, so callers use a blocking-work thread.
 */
public final class ProducerIdManager {

    private final ZkMetadata zk;
    private final int brokerId;
    private final int blockSize;
    private long next;
    private long blockEnd = -1;

    public ProducerIdManager(ZkMetadata zk, int brokerId, int blockSize) {
        this.zk = zk;
        this.brokerId = brokerId;
        this.blockSize = blockSize;
    }

    public synchronized long nextProducerId() throws IOException {
        if (next > blockEnd) {
            long[] block = zk.claimProducerIdBlock(brokerId, blockSize);
            next = block[0];
            blockEnd = block[1];
        }
        return next++;
    }
}
