package zoolog.broker.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zoolog.broker.log.LogCheckpoint;
import zoolog.broker.log.LogConfig;
import zoolog.broker.log.PartitionLog;

/**
 * The broker's log directories ({@code log.dirs}): which partition lives where, the three
 * checkpoint files in each directory, and the directory-level steps of a partition's life.
 * At start it locks every directory (two brokers must never share one), finishes deletions a
 * crash interrupted, and opens every partition directory with recovery from its checkpointed
 * recovery point, {@code num.recovery.threads.per.data.dir} at a time. Deleting a partition
 * renames its directory to {@code <topic>-<p>.<uuid>-delete} and removes the files afterwards;
 * no failure on that path escapes, so a deletion never takes the broker down (seed 000).
 * Thread-safe: the maps are concurrent and checkpoint writes are serialised.
 */
public final class LogManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    static final String LOG_START_CHECKPOINT = "log-start-offset-checkpoint";
    static final String HIGH_WATERMARK_CHECKPOINT = "replication-offset-checkpoint";
    private static final String LOCK_FILE = ".lock";
    private static final String DELETE_SUFFIX = "-delete";
    /** {@code <topic>-<partition>}: topics are [a-zA-Z0-9._-], so the last dash splits. */
    private static final Pattern PARTITION_DIR = Pattern.compile("^(.+)-(\\d+)$");

    private final List<Path> logDirs;
    private final List<FileLock> locks = new ArrayList<>();
    private final Map<TopicPartition, Path> dirOf = new ConcurrentHashMap<>();
    private final Object checkpointLock = new Object();

    private LogManager(List<Path> logDirs) {
        this.logDirs = List.copyOf(logDirs);
    }

    /**
     * Locks and scans {@code logDirs}; returns the manager and every partition log found, opened
     * with {@code configOf}'s settings.
     */
    public static Opened open(List<Path> logDirs, Function<TopicPartition, LogConfig> configOf, int recoveryThreads)
            throws IOException {
        LogManager manager = new LogManager(logDirs);
        try {
            Map<TopicPartition, PartitionLog> logs = new HashMap<>();
            for (Path dir : logDirs) {
                Files.createDirectories(dir);
                manager.lock(dir);
                manager.removeLeftoverDeletions(dir);
                logs.putAll(manager.openLogs(dir, configOf, recoveryThreads));
            }
            return new Opened(manager, logs);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The manager and the logs it found on disk. */
    public record Opened(LogManager manager, Map<TopicPartition, PartitionLog> logs) {}

    public List<Path> logDirs() {
        return logDirs;
    }

    /** Creates an empty log for a new partition in the directory holding the fewest partitions. */
    public PartitionLog create(TopicPartition tp, LogConfig config) throws IOException {
        Path existing = dirOf.get(tp);
        Path parent = existing != null ? existing.getParent() : leastLoadedDir();
        Path dir = parent.resolve(PartitionLog.directoryName(tp.topic(), tp.partition()));
        PartitionLog log = PartitionLog.open(dir, config, LogCheckpoint.EMPTY);
        dirOf.put(tp, dir);
        return log;
    }

    /**
     * Removes a partition's directory: renamed aside first (so a restart never mistakes it for a
     * live partition), then deleted. Failures are logged, never thrown.
     */
    public void delete(TopicPartition tp) {
        Path dir = dirOf.remove(tp);
        if (dir == null) {
            return;
        }
        Path aside = dir.resolveSibling(dir.getFileName() + "." + UUID.randomUUID().toString().replace("-", "")
                + DELETE_SUFFIX);
        try {
            Files.move(dir, aside);
        } catch (IOException e) {
            LOG.warn("{}: could not rename {} aside for deletion ({}); deleting it in place", tp, dir, e.toString());
            aside = dir;
        }
        deleteQuietly(aside);
    }

    /** Writes the three checkpoint files of every log directory from {@code checkpoints}. */
    public void writeCheckpoints(Map<TopicPartition, LogCheckpoint> checkpoints) throws IOException {
        synchronized (checkpointLock) {
            for (Path logDir : logDirs) {
                Map<TopicPartition, Long> recovery = new HashMap<>();
                Map<TopicPartition, Long> logStart = new HashMap<>();
                Map<TopicPartition, Long> highWatermark = new HashMap<>();
                checkpoints.forEach((tp, checkpoint) -> {
                    Path dir = dirOf.get(tp);
                    if (dir != null && dir.getParent().equals(logDir)) {
                        recovery.put(tp, checkpoint.recoveryPoint());
                        logStart.put(tp, checkpoint.logStartOffset());
                        highWatermark.put(tp, checkpoint.highWatermark());
                    }
                });
                new OffsetCheckpointFile(logDir.resolve(RECOVERY_POINT_CHECKPOINT)).write(recovery);
                new OffsetCheckpointFile(logDir.resolve(LOG_START_CHECKPOINT)).write(logStart);
                new OffsetCheckpointFile(logDir.resolve(HIGH_WATERMARK_CHECKPOINT)).write(highWatermark);
            }
        }
    }

    @Override
    public void close() {
        for (FileLock lock : locks) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                LOG.warn("could not release the lock on {}: {}", lock, e.toString());
            }
        }
        locks.clear();
    }

    private void lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(dir + " is in use by another broker process (its " + LOCK_FILE
                    + " file is locked); give each broker its own log.dirs");
        }
        locks.add(lock);
    }

    private void removeLeftoverDeletions(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir,
                child -> Files.isDirectory(child) && child.getFileName().toString().endsWith(DELETE_SUFFIX))) {
            for (Path child : children) {
                deleteQuietly(child);
            }
        }
    }

    private Map<TopicPartition, PartitionLog> openLogs(Path logDir, Function<TopicPartition, LogConfig> configOf,
                                                       int recoveryThreads) throws IOException {
        Map<TopicPartition, LogCheckpoint> checkpoints = readCheckpoints(logDir);
        Map<TopicPartition, Path> found = new HashMap<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path child : children) {
                Matcher m = PARTITION_DIR.matcher(child.getFileName().toString());
                if (m.matches()) {
                    found.put(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))), child);
                }
            }
        }
        ExecutorService recovery = Executors.newFixedThreadPool(Math.max(1, recoveryThreads), runnable -> {
            Thread thread = new Thread(runnable, "log-recovery-" + logDir.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<TopicPartition, Future<PartitionLog>> opening = new HashMap<>();
            found.forEach((tp, dir) -> opening.put(tp, recovery.submit(() -> PartitionLog.open(dir, configOf.apply(tp),
                    checkpoints.getOrDefault(tp, LogCheckpoint.EMPTY)))));
            Map<TopicPartition, PartitionLog> logs = new HashMap<>();
            for (Map.Entry<TopicPartition, Future<PartitionLog>> entry : opening.entrySet()) {
                logs.put(entry.getKey(), await(entry.getValue(), found.get(entry.getKey())));
                dirOf.put(entry.getKey(), found.get(entry.getKey()));
            }
            return logs;
        } finally {
            recovery.shutdownNow();
        }
    }

    private static PartitionLog await(Future<PartitionLog> opening, Path dir) throws IOException {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening " + dir, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot open " + dir + ": " + cause, cause);
        }
    }

    private static Map<TopicPartition, LogCheckpoint> readCheckpoints(Path logDir) throws IOException {
        Map<TopicPartition, Long> recovery = new OffsetCheckpointFile(logDir.resolve(RECOVERY_POINT_CHECKPOINT)).read();
        Map<TopicPartition, Long> logStart = new OffsetCheckpointFile(logDir.resolve(LOG_START_CHECKPOINT)).read();
        Map<TopicPartition, Long> highWatermark =
                new OffsetCheckpointFile(logDir.resolve(HIGH_WATERMARK_CHECKPOINT)).read();
        Map<TopicPartition, LogCheckpoint> checkpoints = new HashMap<>();
        for (TopicPartition tp : recovery.keySet()) {
            checkpoints.put(tp, new LogCheckpoint(logStart.getOrDefault(tp, 0L), recovery.get(tp),
                    highWatermark.getOrDefault(tp, 0L)));
        }
        return checkpoints;
    }

    private Path leastLoadedDir() {
        Map<Path, Long> counts = new HashMap<>();
        logDirs.forEach(dir -> counts.put(dir, 0L));
        dirOf.values().forEach(dir -> counts.merge(dir.getParent(), 1L, Long::sum));
        return logDirs.stream().min(Comparator.comparing(counts::get)).orElseThrow();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.error("could not delete {}: {}; remove it by hand, the broker carries on", dir, e.toString());
        }
    }
}
