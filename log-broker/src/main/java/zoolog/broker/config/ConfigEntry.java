package zoolog.broker.config;

/**
 * One configuration value as DescribeConfigs reports it: name, effective value, whether it can
 * be changed, where it comes from, and whether it must be hidden.
 */
public record ConfigEntry(String name, String value, boolean readOnly, ConfigSource source, boolean sensitive) {

    /** Kafka's config sources, with their DescribeConfigs ids. */
    public enum ConfigSource {
        DYNAMIC_TOPIC_CONFIG(1),
        STATIC_BROKER_CONFIG(4),
        DEFAULT_CONFIG(5);

        private final int id;

        ConfigSource(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }
    }
}
