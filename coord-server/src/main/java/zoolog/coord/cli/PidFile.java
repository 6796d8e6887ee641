package zoolog.coord.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * The {@code <dataDir>/zookeeper_server.pid} file: the process id of the server using that data
 * directory, as {@code zkServer.sh} keeps it. {@code bin/coord-server} reads it to stop exactly
 * that process and waits for it to appear on start; {@code start-foreground} writes it once the
 * server is serving and removes it on a clean exit. Written atomically so a reader never sees half.
 */
final class PidFile {

    /** A pid file holds one number; anything longer is not ours and is treated as stale. */
    static final int PID_FILE_BYTES_MAX = 32;

    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The recorded pid, if the file exists and holds a number. */
    OptionalLong read() {
        try {
            if (!Files.isRegularFile(path) || Files.size(path) > PID_FILE_BYTES_MAX) {
                return OptionalLong.empty();
            }
            String text = Files.readString(path, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The recorded pid if that process is alive and is not this one (a reused pid of ours is stale). */
    OptionalLong livePid() {
        OptionalLong pid = read();
        if (pid.isEmpty() || pid.getAsLong() == ProcessHandle.current().pid()) {
            return OptionalLong.empty();
        }
        boolean alive = ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
        return alive ? pid : OptionalLong.empty();
    }

    void write(long pid) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file if it still names {@code pid}; another server's file is left alone. */
    void deleteIfOwnedBy(long pid) throws IOException {
        OptionalLong recorded = read();
        if (recorded.isPresent() && recorded.getAsLong() == pid) {
            Files.deleteIfExists(path);
        }
    }
}
