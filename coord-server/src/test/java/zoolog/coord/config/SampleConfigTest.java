package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample conf/zoo.cfg shipped at the repository root parses without errors or warnings. */
class SampleConfigTest {

    @TempDir
    Path tmp;

    @Test
    void sampleConfigIsClean() throws IOException {
        String text = Files.readString(Path.of("..", "conf", "zoo.cfg"));
        assertTrue(text.contains("\ndataDir=data/zk1\n"), "the sample keeps its data under the checkout");
        ParseResult result = new ZooCfgParser(new FakeResolver())
                .parse("conf/zoo.cfg", text.replace("\ndataDir=data/zk1\n", "\ndataDir=" + tmp + "\n"));
        assertEquals(List.of(), ZooCfgParserTest.lines(result.errors()));
        assertEquals(List.of(), ZooCfgParserTest.lines(result.warnings()));
        CoordConfig config = result.config().orElseThrow();
        assertEquals(2181, config.clientPort());
        assertTrue(config.fourLetterWordAllowed("mntr"));
        assertTrue(config.standalone());
    }
}
