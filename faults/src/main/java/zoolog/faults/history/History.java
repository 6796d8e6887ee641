package zoolog.faults.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The run's history as it happens: every client worker and the nemesis call {@link #record} from
 * their own threads, which stamps the entry with the next index and the time from the injected
 * monotonic clock under one lock, keeps it in memory for the checkers and appends it to
 * {@code history.jsonl}. The lock makes index order agree with time order, which the
 * checkers rely on. At most {@link #ENTRIES_MAX} entries are kept; once full, further entries are
 * dropped and {@link #isFull} tells workers to stop issuing operations.
 */
public final class History implements AutoCloseable {

    /** Far more than a few minutes of a few dozen clients produce; bounds the harness's memory. */
    public static final int ENTRIES_MAX = 2_000_000;

    private final LongSupplier nanoClock;
    private final long startNanos;
    private final BufferedWriter writer;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private boolean closed;

    private History(LongSupplier nanoClock, BufferedWriter writer) {
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.writer = writer;
    }

    /** A history that also writes {@code jsonl} line by line. */
    public static History writingTo(Path jsonl, LongSupplier nanoClock) {
        try {
            return new History(nanoClock, Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + jsonl, e);
        }
    }

    /** A history kept in memory only, for tests. */
    public static History inMemory(LongSupplier nanoClock) {
        return new History(nanoClock, null);
    }

    /** Stamps and stores the entry; returns it as stored, or empty once the history is full or closed. */
    public synchronized Optional<HistoryEntry> record(HistoryEntry entry) {
        if (closed || entries.size() >= ENTRIES_MAX) {
            return Optional.empty();
        }
        HistoryEntry stamped = entry.at(entries.size(), nanoClock.getAsLong() - startNanos);
        entries.add(stamped);
        if (writer != null) {
            try {
                writer.write(HistoryJson.toLine(stamped));
                writer.newLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the history file", e);
            }
        }
        return Optional.of(stamped);
    }

    /** Nanoseconds since the run started, on the history's clock. */
    public long nowNanos() {
        return nanoClock.getAsLong() - startNanos;
    }

    public synchronized boolean isFull() {
        return entries.size() >= ENTRIES_MAX;
    }

    /** A copy of every entry so far, in index order. */
    public synchronized List<HistoryEntry> entries() {
        return List.copyOf(entries);
    }

    /** Flushes and closes the file; later entries are dropped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the history file", e);
            }
        }
    }
}
