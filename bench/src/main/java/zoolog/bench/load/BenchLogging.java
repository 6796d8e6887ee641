package zoolog.bench.load;

/**
 * Points logback at the bench tools' own configuration ({@value #CONFIGURATION_RESOURCE} on the
 * classpath) unless the user chose one with {@code -Dlogback.configurationFile}. Without it logback
 * falls back to DEBUG on the console and the ZooKeeper client's chatter buries the results. Called
 * first thing in each bench {@code main}, before any logger exists.
 */
public final class BenchLogging {

    /** Classpath resource with the bench logging setup: WARN unless {@code -Dbench.log.level} says otherwise. */
    public static final String CONFIGURATION_RESOURCE = "logback-bench.xml";
    private static final String CONFIGURATION_PROPERTY = "logback.configurationFile";

    private BenchLogging() {
    }

    public static void configure() {
        if (System.getProperty(CONFIGURATION_PROPERTY) == null) {
            System.setProperty(CONFIGURATION_PROPERTY, CONFIGURATION_RESOURCE);
        }
    }
}
