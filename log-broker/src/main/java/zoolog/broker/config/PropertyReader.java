package zoolog.broker.config;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/**
 * Reads typed values out of a server.properties file, remembering which keys were looked at so
 * the rest can be warned about. A bad value throws {@link BrokerConfigException} with the one line
 * ARCHITECTURE.md asks for: file, key, value and reason. Used once, at start-up.
 */
final class PropertyReader {

    private final Path source;
    private final Properties props;
    private final Set<String> read = new HashSet<>();

    PropertyReader(Path source, Properties props) {
        this.source = source;
        this.props = props;
    }

    Set<String> keysRead() {
        return read;
    }

    /** The trimmed value, or null when the key is absent or blank. */
    String raw(String key) {
        read.add(key);
        String value = props.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String string(String key, String fallback) {
        String value = raw(key);
        return value == null ? fallback : value;
    }

    String required(String key) throws BrokerConfigException {
        String value = raw(key);
        if (value == null) {
            throw new BrokerConfigException(source + ": " + key + " is required");
        }
        return value;
    }

    int integer(String key, int fallback, int min, int max) throws BrokerConfigException {
        long value = longValue(key, fallback, min, max);
        return (int) value;
    }

    long longValue(String key, long fallback, long min, long max) throws BrokerConfigException {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(key, value, "not an integer");
        }
        if (parsed < min || parsed > max) {
            throw bad(key, value, "must be between " + min + " and " + max);
        }
        return parsed;
    }

    boolean bool(String key, boolean fallback) throws BrokerConfigException {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw bad(key, value, "must be true or false");
    }

    /** The first of {@code keys} present, in Kafka's precedence order (e.g. .ms before .minutes before .hours). */
    long duration(long fallbackMillis, String msKey, String minutesKey, String hoursKey) throws BrokerConfigException {
        long ms = longValue(msKey, Long.MIN_VALUE, -1, Long.MAX_VALUE);
        if (ms != Long.MIN_VALUE) {
            return ms;
        }
        if (minutesKey != null) {
            long minutes = longValue(minutesKey, Long.MIN_VALUE, -1, Long.MAX_VALUE / 60_000);
            if (minutes != Long.MIN_VALUE) {
                return minutes < 0 ? -1 : minutes * 60_000;
            }
        }
        long hours = longValue(hoursKey, Long.MIN_VALUE, -1, Long.MAX_VALUE / 3_600_000);
        if (hours != Long.MIN_VALUE) {
            return hours < 0 ? -1 : hours * 3_600_000;
        }
        return fallbackMillis;
    }

    BrokerConfigException bad(String key, String value, String reason) {
        return new BrokerConfigException(source + ": " + key + "=" + value + ": " + reason);
    }
}
