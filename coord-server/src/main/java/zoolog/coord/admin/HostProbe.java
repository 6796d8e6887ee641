package zoolog.coord.admin;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the facts about the process and its host that some four-letter words print: the
 * environment for {@code envi}, file descriptor counts for {@code mntr} and directory sizes for
 * {@code conf} and {@code dirs}. Kept apart from {@link FourLetterWordFormats} so the formatting
 * stays pure; called on a network thread only when such a command runs.
 */
public final class HostProbe {

    private static final long MEBIBYTE = 1024 * 1024;

    private HostProbe() {}

    /** The entries {@code envi} lists, in ZooKeeper's order. */
    public static List<Map.Entry<String, String>> environment(String fullVersion) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        entries.add(Map.entry("zookeeper.version", fullVersion));
        entries.add(Map.entry("host.name", canonicalHostName()));
        for (String key : List.of("java.version", "java.vendor", "java.home", "java.class.path", "java.library.path",
                "java.io.tmpdir", "java.compiler", "os.name", "os.arch", "os.version", "user.name", "user.home",
                "user.dir")) {
            entries.add(Map.entry(key, System.getProperty(key, "<NA>")));
        }
        Runtime runtime = Runtime.getRuntime();
        entries.add(Map.entry("jvm.memory.free", runtime.freeMemory() / MEBIBYTE + "MB"));
        entries.add(Map.entry("jvm.memory.max", runtime.maxMemory() / MEBIBYTE + "MB"));
        entries.add(Map.entry("jvm.memory.total", runtime.totalMemory() / MEBIBYTE + "MB"));
        return entries;
    }

    /** Open and maximum file descriptors of this process, or -1 each where the OS does not say. */
    public static FileDescriptors fileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return new FileDescriptors(unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount());
        }
        return new FileDescriptors(-1, -1);
    }

    /** Total bytes of the regular files under {@code directory}; 0 when it does not exist. */
    public static long directorySizeBytes(Path directory) {
        long[] total = {0};
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Files vanish under a running store (compaction); they no longer count.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Only the visitor could throw, and it does not; a partial sum is the honest answer.
        }
        return total[0];
    }

    private static String canonicalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "<NA>";
        }
    }

    /** File descriptor counts as {@code mntr} prints them. */
    public record FileDescriptors(long open, long max) {}
}
