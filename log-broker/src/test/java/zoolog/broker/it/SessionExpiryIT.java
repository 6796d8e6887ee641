package zoolog.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zoolog.protocol.coordclient.CoordClient;

/**
 * A broker frozen (SIGSTOP) for longer than its coordination session loses the session and with it
 * its registration under {@code /brokers/ids}; once it runs again it opens a new session, registers
 * again and keeps serving, as a Kafka broker does.
 */
class SessionExpiryIT {

    private static final long WAIT_MILLIS_MAX = 60_000;

    @TempDir
    Path dir;

    @Test
    void aBrokerWhoseSessionExpiredRegistersAgain() throws Exception {
        try (EmbeddedCluster coord = EmbeddedCluster.startCoordination(dir, Map.of());
             BrokerProcess broker = new BrokerProcess(BrokerProcess.writeConfig(dir, coord.brokerPort(),
                     coord.coordConnect(), List.of()), dir.resolve("broker.out"));
             CoordClient observer = CoordClient.start(coord.coordConnect(), 30_000)) {
            broker.start();
            assertEquals(List.of("0"), CoordClient.await(observer.getChildren("/brokers/ids"), WAIT_MILLIS_MAX));
            broker.signal("STOP");
            long deadline = System.currentTimeMillis() + WAIT_MILLIS_MAX;
            while (!CoordClient.await(observer.getChildren("/brokers/ids"), WAIT_MILLIS_MAX).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertEquals(List.of(), CoordClient.await(observer.getChildren("/brokers/ids"), WAIT_MILLIS_MAX),
                    "the frozen broker's session expired");
            broker.signal("CONT");
            while (CoordClient.await(observer.getChildren("/brokers/ids"), WAIT_MILLIS_MAX).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertEquals(List.of("0"), CoordClient.await(observer.getChildren("/brokers/ids"), WAIT_MILLIS_MAX),
                    "registered again under a new session");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + coord.brokerPort()), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("after-expiry", "still serving")).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
