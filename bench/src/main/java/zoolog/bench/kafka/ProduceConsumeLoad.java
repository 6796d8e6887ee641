package zoolog.bench.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import zoolog.bench.load.ProcessCpu;

/**
 * One benchmark case against a running broker: a producer sends fixed-size records as fast as
 * the client allows while a consumer group member reads them back; after the warm-up, a window
 * measures produced and consumed bytes, end-to-end latency (each record carries its send time,
 * producer and consumer share this JVM's clock) and the broker process's CPU time.
 */
final class ProduceConsumeLoad {

    /**
     * acks is "1" or "all"; all also turns idempotence on, as the Java producer's defaults do.
     * {@code recordsPerSecond} 0 sends flat out (throughput); a positive rate paces the producer
     * below saturation, so end-to-end latency measures the broker rather than the producer's queue.
     */
    record Case(String acks, int partitions, int recordBytes, Duration warmup, Duration measure,
                int recordsPerSecond) {
        String label() {
            return "acks=" + acks + ", " + partitions + (partitions == 1 ? " partition" : " partitions");
        }
    }

    record Result(Case spec, double produceMBps, double produceRecordsPerSecond, double consumeMBps,
                  double p50Millis, double p99Millis, double p999Millis, double brokerCpuSecondsPerMB) {}

    private static final double MB = 1024 * 1024;
    private static final long LATENCY_MICROS_MAX = TimeUnit.SECONDS.toMicros(60);
    private static final int STOP_WAIT_SECONDS = 30;

    private ProduceConsumeLoad() {}

    static Result run(BrokerLaunch broker, String topic, Case spec, ProcessCpu cpu) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, spec.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong producedBytes = new AtomicLong();
        AtomicLong producedRecords = new AtomicLong();
        AtomicLong consumedBytes = new AtomicLong();
        Recorder latencies = new Recorder(LATENCY_MICROS_MAX, 3);
        Thread producer = new Thread(() -> produce(broker, topic, spec, running, measuring, producedBytes,
                producedRecords), "bench-producer");
        Thread consumer = new Thread(() -> consume(broker, topic, running, measuring, consumedBytes, latencies),
                "bench-consumer");
        consumer.start();
        producer.start();
        TimeUnit.MILLISECONDS.sleep(spec.warmup().toMillis());
        OptionalDouble cpuBefore = cpu.cpuSeconds(broker.pid());
        latencies.getIntervalHistogram();
        measuring.set(true);
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(spec.measure().toMillis());
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        OptionalDouble cpuAfter = cpu.cpuSeconds(broker.pid());
        Histogram window = latencies.getIntervalHistogram();
        running.set(false);
        producer.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        consumer.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        double producedMB = producedBytes.get() / MB;
        double cpuSeconds = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? cpuAfter.getAsDouble() - cpuBefore.getAsDouble() : Double.NaN;
        return new Result(spec, producedMB / seconds, producedRecords.get() / seconds, consumedBytes.get() / MB / seconds,
                window.getValueAtPercentile(50) / 1000.0, window.getValueAtPercentile(99) / 1000.0,
                window.getValueAtPercentile(99.9) / 1000.0, producedMB == 0 ? Double.NaN : cpuSeconds / producedMB);
    }

    private static void produce(BrokerLaunch broker, String topic, Case spec, AtomicBoolean running,
                                AtomicBoolean measuring, AtomicLong bytes, AtomicLong records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, spec.acks());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, spec.acks().equals("all"));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (long sent = 0; running.get(); sent++) {
                if (spec.recordsPerSecond() > 0) {
                    long due = start + sent * 1_000_000_000L / spec.recordsPerSecond();
                    while (System.nanoTime() < due && running.get()) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                byte[] value = new byte[spec.recordBytes()];
                ByteBuffer.wrap(value).putLong(System.nanoTime());
                producer.send(new ProducerRecord<>(topic, value), (metadata, error) -> {
                    if (error == null && measuring.get()) {
                        bytes.addAndGet(value.length);
                        records.incrementAndGet();
                    }
                });
            }
        }
    }

    private static void consume(BrokerLaunch broker, String topic, AtomicBoolean running, AtomicBoolean measuring,
                                AtomicLong bytes, Recorder latencies) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (measuring.get()) {
                        long micros = (System.nanoTime() - ByteBuffer.wrap(record.value()).getLong()) / 1000;
                        latencies.recordValue(Math.min(Math.max(micros, 0), LATENCY_MICROS_MAX));
                        bytes.addAndGet(record.value().length);
                    }
                }
            }
        }
    }
}
