package zoolog.broker.partition;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of Kafka's per-log-directory checkpoint files ({@code recovery-point-offset-checkpoint},
 * {@code log-start-offset-checkpoint}, {@code replication-offset-checkpoint}): a version line
 * {@code 0}, an entry count, then {@code <topic> <partition> <offset>} per line. A write goes to
 * {@code <file>.tmp}, is fsynced and renamed over the old file, so a crash leaves either the old
 * or the new checkpoint, never half of one. Stateless; callers serialise writes per file.
 */
final class OffsetCheckpointFile {

    private static final String VERSION = "0";

    private final Path file;

    OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    /** The entries on disk; empty when the file does not exist yet. */
    Map<TopicPartition, Long> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Map.of();
        }
        if (lines.size() < 2 || !lines.get(0).trim().equals(VERSION)) {
            throw new IOException(file + ": not a version-0 offset checkpoint file");
        }
        int count = parse(lines.get(1).trim(), "entry count");
        if (lines.size() < 2 + count) {
            throw new IOException(file + ": expected " + count + " entries, found " + (lines.size() - 2));
        }
        Map<TopicPartition, Long> entries = new HashMap<>();
        for (String line : lines.subList(2, 2 + count)) {
            String[] fields = line.trim().split(" ");
            if (fields.length != 3) {
                throw new IOException(file + ": malformed entry '" + line + "'");
            }
            entries.put(new TopicPartition(fields[0], parse(fields[1], "partition")), parseLong(fields[2]));
        }
        return entries;
    }

    /** Replaces the file with {@code entries}, durably. */
    void write(Map<TopicPartition, Long> entries) throws IOException {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(entries.size()).append('\n');
        entries.forEach((tp, offset) -> text.append(tp.topic()).append(' ').append(tp.partition()).append(' ')
                .append(offset).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private int parse(String text, String what) throws IOException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": bad " + what + " '" + text + "'", e);
        }
    }

    private long parseLong(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": bad offset '" + text + "'", e);
        }
    }
}
