package zoolog.coord.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's logging at WARN (logback's unconfigured default would log every Kafka request at
 * DEBUG) and collects every WARN and ERROR event of the run, from Kafka, its ZooKeeper client and
 * Zoolog alike, so the test can print them as one list at the end. Those lines are the first place
 * a ZooKeeper compatibility problem shows: an unexpected {@code KeeperException} code in Kafka's
 * controller or ZooKeeper client, or a connection Zoolog closed. Logback appenders are thread-safe;
 * the list is read after the broker has stopped.
 */
final class ServerLogs {

    private static final String[] KAFKA_LOGGERS = {
        "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper"
    };

    private static final String KEEPER_EXCEPTION = "KeeperException";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ServerLogs() {}

    static ServerLogs capture() {
        for (String name : KAFKA_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
        ServerLogs logs = new ServerLogs();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ThresholdFilter warnAndAbove = new ThresholdFilter();
            warnAndAbove.setLevel(Level.WARN.levelStr);
            warnAndAbove.start();
            logs.appender.addFilter(warnAndAbove);
            logs.appender.setContext(context);
            logs.appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs.appender);
        }
        return logs;
    }

    /**
     * The events that point at a ZooKeeper compatibility problem: any ERROR, and any WARN that
     * carries or names a {@code KeeperException}. Ordinary WARNs (a producer that asked for
     * metadata before the leader was elected) are printed but not counted.
     */
    List<String> compatibilityProblems() {
        return List.copyOf(appender.list).stream()
                .filter(event -> event.getLevel() == Level.ERROR || mentionsKeeperException(event))
                .map(ServerLogs::format)
                .toList();
    }

    private static boolean mentionsKeeperException(ILoggingEvent event) {
        return format(event).contains(KEEPER_EXCEPTION);
    }

    void stopAndPrint(PrintStream out) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        }
        appender.stop();
        out.println("WARN/ERROR events during the Kafka run: " + appender.list.size());
        for (ILoggingEvent event : appender.list) {
            out.println(format(event));
        }
    }

    private static String format(ILoggingEvent event) {
        return event.getLevel() + " [" + event.getThreadName() + "] " + event.getLoggerName() + " - "
                + event.getFormattedMessage() + describe(event.getThrowableProxy());
    }

    private static String describe(IThrowableProxy thrown) {
        if (thrown == null) {
            return "";
        }
        return " | " + thrown.getClassName() + ": " + thrown.getMessage() + describe(thrown.getCause());
    }
}
