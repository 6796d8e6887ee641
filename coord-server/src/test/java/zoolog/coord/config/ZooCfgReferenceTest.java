package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZooCfgReferenceTest {

    /** Surefire runs in the module directory; the page lives at the repository root. */
    private static final Path PAGE = Path.of("..").resolve(ZooCfgReference.PAGE);

    @Test
    void committedPageMatchesTheKeyTable() throws IOException {
        String committed = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        assertEquals(ZooCfgReference.markdown(), committed,
                "docs/reference/zoo-cfg.md is stale; regenerate it from the repository root with\n"
                        + "  java -cp coord-server/target/classes zoolog.coord.config.ZooCfgReference " + ZooCfgReference.PAGE);
    }

    @Test
    void everyKeyAndDefaultIsListed() {
        String page = ZooCfgReference.markdown();
        for (CfgKey<?> key : ZooCfgKeys.ALL) {
            assertTrue(page.contains("`" + key.name() + "`"), key.name());
            assertTrue(page.contains("`" + key.field() + "`"), key.field());
        }
    }

    @Test
    void everyLiteralDefaultParses() {
        for (CfgKey<?> key : ZooCfgKeys.ALL) {
            if (key.defaultValue() != null) {
                assertTrue(key.reader().apply(key.defaultValue()).ok(), key.name());
            }
        }
    }
}
