package zoolog.faults.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of histories and reports: one {@link HistoryEntry} per line in
 * {@code history.jsonl} (JSON Lines), so a history can be read with {@code jq} or streamed, and a
 * run that was stopped halfway still leaves every line written so far. The mapper is thread-safe
 * once configured and shared.
 */
public final class HistoryJson {

    /** Shared by every writer and reader; unknown fields are ignored so older readers accept newer lines. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private HistoryJson() {
    }

    /** One line of JSON, without the line break. */
    public static String toLine(HistoryEntry entry) {
        try {
            return MAPPER.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history entry is always serialisable: " + entry, e);
        }
    }

    public static HistoryEntry fromLine(String line) {
        try {
            return MAPPER.readValue(line, HistoryEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a history line: " + line, e);
        }
    }

    /** Every entry of a {@code history.jsonl} file; blank lines are skipped. */
    public static List<HistoryEntry> read(Path file) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    entries.add(fromLine(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return entries;
    }
}
