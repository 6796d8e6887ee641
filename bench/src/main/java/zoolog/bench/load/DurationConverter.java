package zoolog.bench.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Turns the short durations people type on a command line ({@code 500ms}, {@code 15s}, {@code 2m},
 * {@code 1h}) into {@link Duration}s for picocli options of the bench tools. A number without a unit
 * is rejected rather than guessed, because "30" as seconds or as milliseconds differ by a factor of a
 * thousand in a benchmark's run time. Stateless; used on the main thread while parsing arguments.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_FORM.matcher(text);
        if (!matcher.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a duration; write a whole number with a unit: 500ms, 15s, 2m or 1h");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** The inverse of {@link #convert}, used when printing a workload: {@code 15s}, {@code 500ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
