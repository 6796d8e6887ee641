package zoolog.coord.config;

import java.util.Objects;

/**
 * One thing wrong with (or worth warning about in) a configuration file, printed as a single line
 * {@code <file>: <key>: <reason>}. Problems are values rather than exceptions so the parser can
 * report every mistake in one run instead of making the operator fix them one restart at a time.
 * {@code key} is empty for problems that belong to the whole file (it cannot be read).
 */
public record ConfigProblem(String source, String key, String reason) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** The one line shown to the operator. */
    public String line() {
        return key.isEmpty() ? source + ": " + reason : source + ": " + key + ": " + reason;
    }

    @Override
    public String toString() {
        return line();
    }
}
