package zoolog.coord.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file-system side of reading a configuration: making sure {@code dataDir} and
 * {@code dataLogDir} exist and are writable (creating them like ZooKeeper does), and reading the
 * {@code myid} file. Each check answers with the operator-facing reason, or null when all is well,
 * because the parser collects problems rather than stopping at the first.
 */
final class DataDirs {

    /** Name of the file in dataDir that holds this server's id. */
    static final String MYID_FILE = "myid";

    /** Largest myid file read; it holds one small number, so anything bigger is not a myid file. */
    static final int MYID_FILE_BYTES_MAX = 64;

    /** This server's id, or why it could not be read. */
    record MyId(int id, String problem) {}

    private DataDirs() {}

    /** Creates {@code dir} if needed; returns why it is unusable, or null. */
    static String ensureWritableDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir) ? null : dir + " is not writable";
        }
        if (Files.exists(dir)) {
            return dir + " exists but is not a directory";
        }
        try {
            Files.createDirectories(dir);
            return null;
        } catch (IOException e) {
            return dir + " cannot be created: " + reason(e);
        }
    }

    /** Reads {@code <dataDir>/myid}: one whole number from 0 to 255, blanks around it ignored. */
    static MyId readMyId(Path dataDir) {
        Path file = dataDir.resolve(MYID_FILE);
        if (!Files.exists(file)) {
            return new MyId(-1, "file " + file + " is missing (required when server.N lines are present)");
        }
        try {
            if (Files.size(file) > MYID_FILE_BYTES_MAX) {
                return new MyId(-1, "file " + file + " is larger than " + MYID_FILE_BYTES_MAX + " bytes");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            int id = text.matches("[0-9]{1,3}") ? Integer.parseInt(text) : -1;
            if (id < 0 || id > ServerSpec.SERVER_ID_MAX) {
                return new MyId(-1, "file " + file + " holds '" + text + "', not a server id from 0 to "
                        + ServerSpec.SERVER_ID_MAX);
            }
            return new MyId(id, null);
        } catch (IOException e) {
            return new MyId(-1, "file " + file + " cannot be read: " + reason(e));
        }
    }

    /** The operating system's words for a failure ("Permission denied"), not Java's exception name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
