package zoolog.bench.kafka;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import zoolog.bench.load.DurationConverter;
import zoolog.bench.load.ProcessCpu;
import zoolog.coord.config.ParseResult;
import zoolog.coord.config.ZooCfgParser;
import zoolog.coord.node.CoordNode;
import zoolog.coord.node.NodeOptions;

/**
 * {@code bin/bench kafka}: Apache Kafka 3.9 and Zoolog's broker side by side in one run. Each
 * target gets a fresh Zoolog coordination server (in this JVM, so both brokers keep metadata in
 * the same kind of server) and its broker as a child JVM with the same settings; every case
 * (acks 1 and all, 1 and 8 partitions, 1 KB records) runs against each in turn. Prints a Markdown
 * table and writes it under {@code bench-results/}.
 */
@Command(name = "bench kafka", mixinStandardHelpOptions = true,
        description = "Compare Apache Kafka 3.9 and Zoolog's broker: produce/consume MB/s, end-to-end latency, CPU per MB.")
public final class KafkaBenchRunner implements Callable<Integer> {

    @Option(names = "--target", description = "apache, zoolog or both (default).")
    String target = "both";

    @Option(names = "--warmup", converter = DurationConverter.class, description = "Warm-up per case (default 5s).")
    Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--duration", converter = DurationConverter.class, description = "Measured window per case (default 20s).")
    Duration duration = Duration.ofSeconds(20);

    @Option(names = "--record-bytes", description = "Record value size (default 1024).")
    int recordBytes = 1024;

    @Option(names = "--rate", description = "Records per second for the producer; 0 (default) sends flat out.")
    int recordsPerSecond;

    @Option(names = "--zoolog-broker-dir", required = true, description = "log-broker/target (jar and lib/).")
    Path zoologBrokerDir;

    @Option(names = "--apache-lib-dir", required = true, description = "bench/target/apache-kafka-lib.")
    Path apacheLibDir;

    @Option(names = "--results-dir", description = "Where reports go (default bench-results).")
    Path resultsDir = Path.of("bench-results");

    public static void main(String[] args) {
        System.exit(new CommandLine(new KafkaBenchRunner()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<ProduceConsumeLoad.Case> cases = new ArrayList<>();
        for (String acks : List.of("1", "all")) {
            for (int partitions : List.of(1, 8)) {
                cases.add(new ProduceConsumeLoad.Case(acks, partitions, recordBytes, warmup, duration,
                        recordsPerSecond));
            }
        }
        Path runDir = resultsDir.resolve("kafka-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")));
        ProcessCpu cpu = ProcessCpu.detect();
        List<String> rows = new ArrayList<>();
        for (BrokerLaunch.Kind kind : kinds()) {
            rows.addAll(runTarget(kind, runDir.resolve(kind.name().toLowerCase(Locale.ROOT)), cases, cpu));
        }
        String report = "| broker | case | produce MB/s | records/s | consume MB/s | e2e p50 ms | e2e p99 ms | e2e p99.9 ms"
                + " | broker CPU s/MB |\n|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("report.md"), "# bench kafka, " + recordBytes + "-byte records, "
                + (recordsPerSecond > 0 ? recordsPerSecond + " records/s, " : "flat out, ")
                + duration.toSeconds() + " s per case after " + warmup.toSeconds() + " s warm-up, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + "\n\n" + report,
                StandardCharsets.UTF_8);
        System.out.print(report);
        System.out.println("Report: " + runDir.resolve("report.md"));
        return 0;
    }

    private List<BrokerLaunch.Kind> kinds() {
        return switch (target) {
            case "apache" -> List.of(BrokerLaunch.Kind.APACHE);
            case "zoolog" -> List.of(BrokerLaunch.Kind.ZOOLOG);
            case "both" -> List.of(BrokerLaunch.Kind.APACHE, BrokerLaunch.Kind.ZOOLOG);
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--target must be apache, zoolog or both, not " + target);
        };
    }

    private List<String> runTarget(BrokerLaunch.Kind kind, Path dir, List<ProduceConsumeLoad.Case> cases,
                                   ProcessCpu cpu) throws Exception {
        int[] ports = freePorts();
        ParseResult parsed = ZooCfgParser.withSystemResolver().parse("zoo.cfg", "tickTime=2000\ndataDir="
                + dir.resolve("coord").toAbsolutePath() + "\nclientPort=" + ports[0] + "\nclientPortAddress=127.0.0.1\n");
        List<String> rows = new ArrayList<>();
        try (CoordNode coord = CoordNode.start(parsed.config().orElseThrow(() -> new IllegalStateException(
                parsed.errors().toString())), NodeOptions.fromSystemProperties());
             BrokerLaunch broker = BrokerLaunch.start(kind, dir.resolve("broker"), ports[1], "127.0.0.1:" + ports[0],
                     zoologBrokerDir, apacheLibDir)) {
            int n = 0;
            for (ProduceConsumeLoad.Case spec : cases) {
                ProduceConsumeLoad.Result r = ProduceConsumeLoad.run(broker, "bench-" + n++, spec, cpu);
                String row = String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %.4f |",
                        kind.name().toLowerCase(Locale.ROOT), spec.label(), r.produceMBps(), r.produceRecordsPerSecond(),
                        r.consumeMBps(), r.p50Millis(), r.p99Millis(), r.p999Millis(), r.brokerCpuSecondsPerMB());
                System.out.println(row);
                rows.add(row);
            }
        }
        return rows;
    }

    private static int[] freePorts() throws java.io.IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
