package zoolog.coord.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One row of the zoo.cfg key table ({@link ZooCfgKeys}): the key as operators write it, its
 * aliases, its default, the reader that turns the text into a typed value, and a one-line doc.
 * {@code defaultValue} is the literal used when the key is absent, or null when the default is
 * derived from another key or the key is required; {@code defaultDoc} says which for the generated
 * reference. {@code field} names the {@link CoordConfig} component the key fills.
 */
public record CfgKey<T>(
        String name,
        List<String> aliases,
        String defaultValue,
        String defaultDoc,
        String field,
        Function<String, Converted<T>> reader,
        String doc) {

    public CfgKey {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(defaultDoc, "defaultDoc");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(doc, "doc");
    }

    /** Suffix that marks a row standing for a family of keys, like {@code server.N}. */
    public static final String FAMILY_SUFFIX = ".N";

    /** Whether {@code key} as written in the file means this row ({@code server.7} matches {@code server.N}). */
    public boolean matches(String key) {
        if (isFamily()) {
            return key.startsWith(name.substring(0, name.length() - 1));
        }
        return name.equals(key) || aliases.contains(key);
    }

    /** Whether this row stands for numbered keys such as {@code server.1}, {@code server.2}. */
    public boolean isFamily() {
        return name.endsWith(FAMILY_SUFFIX);
    }

    /**
     * A typed value read from text, or the reason it could not be read, plus warnings worth showing
     * even when the value is usable (an unknown four-letter word in the whitelist, say).
     */
    public record Converted<T>(T value, String problem, List<String> warnings) {

        public Converted {
            warnings = List.copyOf(warnings);
            if ((value == null) == (problem == null)) {
                throw new IllegalArgumentException("exactly one of value and problem must be set");
            }
        }

        public static <T> Converted<T> ok(T value) {
            return new Converted<>(value, null, List.of());
        }

        public static <T> Converted<T> ok(T value, List<String> warnings) {
            return new Converted<>(value, null, warnings);
        }

        public static <T> Converted<T> bad(String problem) {
            return new Converted<>(null, problem, List.of());
        }

        public boolean ok() {
            return problem == null;
        }
    }
}
