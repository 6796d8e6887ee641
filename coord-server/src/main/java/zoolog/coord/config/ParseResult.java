package zoolog.coord.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ZooCfgParser} makes of a zoo.cfg: the configuration when nothing is wrong, and every
 * warning and error it found. The config is present exactly when {@code errors} is empty, so a
 * caller can never start a server from a half-valid file.
 */
public record ParseResult(Optional<CoordConfig> config, List<ConfigProblem> warnings, List<ConfigProblem> errors) {

    public ParseResult {
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
        if (config.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a config must be present exactly when there are no errors");
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
