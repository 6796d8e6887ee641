package zoolog.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a comparison ran on, printed at the top of every report because the numbers mean
 * nothing without it: CPU model and count, OS and kernel, JVM, and the filesystem under the data
 * directories (fsync cost depends on it entirely; on tmpfs it is free). Captured once by the
 * runner's main thread from {@code /proc} and system properties; immutable.
 */
public record BenchEnvironment(String cpuModel, int cpus, String os, String java, String dataFilesystem) {

    public static BenchEnvironment capture(Path dataRoot) {
        return new BenchEnvironment(
                cpuModel(readLines(Path.of("/proc/cpuinfo"))),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                filesystemOf(dataRoot.toAbsolutePath().normalize().toString(), readLines(Path.of("/proc/mounts"))));
    }

    /** The first {@code model name} in {@code /proc/cpuinfo}, or {@code unknown}. */
    static String cpuModel(List<String> cpuinfoLines) {
        for (String line : cpuinfoLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    /**
     * The mount in {@code /proc/mounts} (lines {@code device mountpoint type options ...}) with the
     * longest mount point that contains {@code path}, as {@code "<type> on <device> (<mountpoint>)"}.
     */
    static String filesystemOf(String path, List<String> mountsLines) {
        String best = "unknown";
        int bestLength = -1;
        for (String line : mountsLines) {
            String[] fields = line.split(" ");
            if (fields.length < 3) {
                continue;
            }
            String mountPoint = fields[1];
            boolean contains = path.equals(mountPoint) || mountPoint.equals("/")
                    || path.startsWith(mountPoint + "/");
            if (contains && mountPoint.length() > bestLength) {
                bestLength = mountPoint.length();
                best = fields[2] + " on " + fields[0] + " (" + mountPoint + ")";
            }
        }
        return best;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException unreadable) {
            return List.of();
        }
    }
}
