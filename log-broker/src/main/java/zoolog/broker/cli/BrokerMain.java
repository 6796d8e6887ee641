package zoolog.broker.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import zoolog.broker.config.BrokerConfig;
import zoolog.broker.config.BrokerConfigException;
import zoolog.broker.node.Broker;

/**
 * {@code broker start-foreground <server.properties>}: loads the configuration, starts a
 * {@link Broker} in this process and runs until SIGTERM or Ctrl-C, which shut it down cleanly
 * (flushed logs, checkpoints written, deregistered). Anything that stops start-up — a bad config
 * value, an unreachable coordination server, a log directory of another cluster — is printed as
 * one line (stack trace only with {@code --verbose}). Exit codes: 0 stopped normally, 1 failed,
 * 2 bad arguments or configuration.
 */
@Command(name = "broker", description = "Zoolog log broker (Kafka-compatible).",
        subcommands = {BrokerMain.StartForeground.class, CommandLine.HelpCommand.class})
public final class BrokerMain implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMain.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine commandLine = new CommandLine(new BrokerMain());
        commandLine.setErr(err);
        System.exit(commandLine.execute(args));
    }

    @Command(name = "start-foreground", description = "Start a broker in this process and run until stopped.")
    static final class StartForeground implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "SERVER_PROPERTIES", description = "The server.properties file.")
        Path configFile;

        @Option(names = "--verbose", description = "Print stack traces with errors.")
        boolean verbose;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            BrokerConfig.Loaded loaded;
            try {
                loaded = BrokerConfig.load(configFile);
            } catch (BrokerConfigException e) {
                err.println(e.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            loaded.warnings().forEach(warning -> LOG.warn("{}", warning));
            Broker broker;
            try {
                broker = Broker.start(loaded.config());
            } catch (Exception e) {
                err.println("Broker did not start: " + e.getMessage());
                if (verbose) {
                    e.printStackTrace(err);
                }
                err.flush();
                return EXIT_FAILURE;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("[KafkaServer id={}] shutting down", broker.brokerId());
                broker.close();
                stopped.countDown();
            }, "broker-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return EXIT_OK;
        }
    }
}
