package zoolog.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoologInstallTest {

    @TempDir
    Path target;

    private void writeJar(String name, String entry) throws IOException {
        try (OutputStream file = Files.newOutputStream(target.resolve(name));
                ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.closeEntry();
        }
    }

    @Test
    void missingJarIsOneLineWithTheBuildCommand() {
        ZoologInstall.Located located = ZoologInstall.locate(target);
        assertTrue(located.install().isEmpty());
        assertTrue(located.problem().startsWith("Zoolog's server jar (coord-server-*.jar) is missing in " + target));
        assertTrue(located.problem().contains("mvn -pl coord-server -am package -DskipTests"));
    }

    @Test
    void aJarWithoutTheServerMainIsNotAnInstall() throws IOException {
        writeJar("coord-server-0.1.0-SNAPSHOT.jar", "zoolog/coord/core/CoreInput.class");
        writeJar("coord-server-0.1.0-SNAPSHOT-sources.jar", ZoologInstall.MAIN_CLASS_ENTRY);
        Files.createDirectory(target.resolve("lib"));
        ZoologInstall.Located located = ZoologInstall.locate(target);
        assertTrue(located.problem().contains("has no zoolog.coord.cli.CoordServerMain yet"), located.problem());
    }

    @Test
    void missingLibrariesAreNamed() throws IOException {
        writeJar("coord-server-0.1.0-SNAPSHOT.jar", ZoologInstall.MAIN_CLASS_ENTRY);
        assertTrue(ZoologInstall.locate(target).problem().contains("no directory " + target.resolve("lib")));
    }

    @Test
    void aBuiltServerGivesItsClasspath() throws IOException {
        writeJar("coord-server-0.1.0-SNAPSHOT.jar", ZoologInstall.MAIN_CLASS_ENTRY);
        Files.createDirectory(target.resolve("lib"));
        ZoologInstall install = ZoologInstall.locate(target).install().orElseThrow();
        assertEquals(target.toAbsolutePath() + "/coord-server-0.1.0-SNAPSHOT.jar" + File.pathSeparator
                + target.toAbsolutePath() + "/lib/*", install.classpath());
    }
}
