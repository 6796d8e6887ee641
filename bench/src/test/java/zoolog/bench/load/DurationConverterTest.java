package zoolog.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsEveryUnit() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(15), converter.convert("15s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1H"));
        assertEquals(Duration.ofSeconds(30), converter.convert(" 30s "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "1.5s", "s", "-5s", "5 s", "10d", "9999999999s", ""})
    void rejectsAnythingElse(String text) {
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    }

    @Test
    void formatsInTheLargestWholeUnit() {
        assertEquals("15s", DurationConverter.format(Duration.ofSeconds(15)));
        assertEquals("2m", DurationConverter.format(Duration.ofSeconds(120)));
        assertEquals("90s", DurationConverter.format(Duration.ofSeconds(90)));
        assertEquals("1h", DurationConverter.format(Duration.ofMinutes(60)));
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
        assertEquals("0s", DurationConverter.format(Duration.ZERO));
    }
}
