package zoolog.coord.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rules that are easy to check mechanically: no source file over 600 lines (split by
 * concept instead), and no sleeping in tests (wait for a condition with a bounded deadline).
 */
class TidyTest {

    private static final int LINES_PER_FILE_MAX = 600;

    @Test
    void sourceFilesStayShort() {
        List<String> tooLong = new ArrayList<>();
        for (Path file : javaFiles(Path.of("src"))) {
            int lines = readLines(file).size();
            if (lines > LINES_PER_FILE_MAX) {
                tooLong.add(file + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), tooLong);
    }

    @Test
    void testsDoNotSleep() {
        List<String> sleepers = new ArrayList<>();
        String sleepCall = "Thread." + "sleep(";
        for (Path file : javaFiles(Path.of("src", "test"))) {
            List<String> lines = readLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(sleepCall)) {
                    sleepers.add(file + ":" + (i + 1));
                }
            }
        }
        assertEquals(List.of(), sleepers);
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
