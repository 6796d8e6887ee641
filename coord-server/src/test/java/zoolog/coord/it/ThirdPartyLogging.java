package zoolog.coord.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the in-process ZooKeeper server's and the clients' logging to WARN, unless a logback
 * configuration already chose a level for them. Without it, logback's unconfigured default (DEBUG
 * to the console) makes ZooKeeper log every packet and slows the suite down considerably.
 */
final class ThirdPartyLogging {

    private static final String[] NOISY_LOGGERS = {"org.apache.zookeeper", "org.apache.curator"};

    private ThirdPartyLogging() {}

    static void quiet() {
        for (String name : NOISY_LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
