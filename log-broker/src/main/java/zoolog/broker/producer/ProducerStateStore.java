package zoolog.broker.producer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import zoolog.broker.state.BrokerStateDb;

/** Producer-state snapshots per partition in the broker's RocksDB (family PRODUCER_STATE), keyed {@code topic/partition}. */
public final class ProducerStateStore {

    private final BrokerStateDb db;

    public ProducerStateStore(BrokerStateDb db) {
        this.db = db;
    }

    public void save(String topic, int partition, byte[] snapshot) throws IOException {
        db.put(BrokerStateDb.Family.PRODUCER_STATE, key(topic, partition), snapshot);
    }

    public Optional<byte[]> load(String topic, int partition) throws IOException {
        return Optional.ofNullable(db.get(BrokerStateDb.Family.PRODUCER_STATE, key(topic, partition)));
    }

    public void remove(String topic, int partition) throws IOException {
        db.write(BrokerStateDb.Family.PRODUCER_STATE, java.util.Collections.singletonMap(key(topic, partition), null));
    }

    private static byte[] key(String topic, int partition) {
        return (topic + "/" + partition).getBytes(StandardCharsets.UTF_8);
    }
}
