package zoolog.bench.compare;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Zoolog's coordination server as {@code mvn -pl coord-server -am package} leaves it: the module jar
 * in {@code coord-server/target} and its runtime dependencies in {@code coord-server/target/lib}.
 * {@link #locate} checks both exist and that the jar holds the server's main class, so a missing
 * build is reported in one line before any benchmark starts rather than as a server that never
 * answers. Immutable.
 */
public record ZoologInstall(Path jar, Path libDir) {

    static final String MAIN_CLASS_ENTRY = ServerLaunch.ZOOLOG_MAIN.replace('.', '/') + ".class";
    static final String BUILD_HINT = "build it with `mvn -pl coord-server -am package -DskipTests`,"
            + " or leave Zoolog out with --targets apache-zookeeper";

    /** A Zoolog install found in {@code targetDir}, or the one-line reason there is none. */
    public record Located(Optional<ZoologInstall> install, String problem) {
    }

    /** The classpath {@code <jar>:<lib>/*}; the java launcher expands the wildcard itself. */
    public String classpath() {
        return jar.toAbsolutePath() + File.pathSeparator + libDir.toAbsolutePath().resolve("*");
    }

    public static Located locate(Path targetDir) {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(targetDir)) {
            try (DirectoryStream<Path> candidates = Files.newDirectoryStream(targetDir, "coord-server-*.jar")) {
                for (Path candidate : candidates) {
                    String name = candidate.getFileName().toString();
                    if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.endsWith("-javadoc.jar")) {
                        jars.add(candidate);
                    }
                }
            } catch (IOException unreadable) {
                return missing("cannot list " + targetDir + ": " + unreadable.getMessage());
            }
        }
        if (jars.size() != 1) {
            return missing(jars.isEmpty()
                    ? "Zoolog's server jar (coord-server-*.jar) is missing in " + targetDir
                    : "more than one coord-server jar in " + targetDir + ": " + jars);
        }
        Path jar = jars.get(0);
        Path libDir = targetDir.resolve("lib");
        if (!Files.isDirectory(libDir)) {
            return missing("Zoolog's runtime libraries are missing: no directory " + libDir);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.getEntry(MAIN_CLASS_ENTRY) == null) {
                return missing(jar + " has no " + ServerLaunch.ZOOLOG_MAIN
                        + " yet (Zoolog's server command line is not built)");
            }
        } catch (IOException unreadable) {
            return missing("cannot read " + jar + ": " + unreadable.getMessage());
        }
        return new Located(Optional.of(new ZoologInstall(jar, libDir)), "");
    }

    private static Located missing(String problem) {
        return new Located(Optional.empty(), problem + "; " + BUILD_HINT);
    }
}
