package zoolog.broker.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * {@code meta.properties} in every log directory, as a ZooKeeper-mode Kafka broker writes it
 * ({@code version=0}, {@code broker.id}, {@code cluster.id}): it ties the data to one broker of
 * one cluster, so a directory moved to the wrong broker, or a broker pointed at a fresh
 * coordination server, stops at start-up with one line saying what differs and how to fix it
 * instead of mixing data from two clusters.
 */
public final class MetaProperties {

    public static final String FILE_NAME = "meta.properties";

    private MetaProperties() {}

    /** Thrown when a log directory belongs to another cluster or broker; the message is the line to print. */
    public static final class MismatchException extends IOException {
        MismatchException(String message) {
            super(message);
        }
    }

    /** Writes the file where it is missing and checks it where it exists. */
    public static void ensure(List<Path> logDirs, String clusterId, int brokerId) throws IOException {
        for (Path dir : logDirs) {
            Path file = dir.resolve(FILE_NAME);
            if (!Files.exists(file)) {
                write(file, clusterId, brokerId);
                continue;
            }
            Properties props = read(file);
            String storedCluster = props.getProperty("cluster.id");
            if (storedCluster != null && !storedCluster.equals(clusterId)) {
                throw new MismatchException(file + ": cluster.id is " + storedCluster
                        + " but the coordination server's /cluster/id is " + clusterId
                        + "; this log directory belongs to another cluster: point log.dirs elsewhere, or delete "
                        + file + " if its data may be mixed into this cluster");
            }
            String storedBroker = props.getProperty("broker.id");
            if (storedBroker != null && !storedBroker.equals(Integer.toString(brokerId))) {
                throw new MismatchException(file + ": broker.id is " + storedBroker + " but this broker is "
                        + brokerId + "; set broker.id=" + storedBroker + " in server.properties or point log.dirs at "
                        + "this broker's own directory");
            }
        }
    }

    /** The broker id recorded in the first log directory that has one (for broker.id=-1). */
    public static OptionalInt storedBrokerId(List<Path> logDirs) throws IOException {
        for (Path dir : logDirs) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.exists(file)) {
                String id = read(file).getProperty("broker.id");
                if (id != null) {
                    try {
                        return OptionalInt.of(Integer.parseInt(id.strip()));
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ": broker.id=" + id + " is not a number");
                    }
                }
            }
        }
        return OptionalInt.empty();
    }

    private static Properties read(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props;
    }

    /** Written to a temporary file, fsynced and renamed: a crash leaves the whole file or none. */
    private static void write(Path file, String clusterId, int brokerId) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            writer.write("#\n#Written by Zoolog's broker\nversion=0\nbroker.id=" + brokerId + "\ncluster.id=" + clusterId
                    + "\n");
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
