package zoolog.coord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PropertiesLinesTest {

    @Test
    void readsKeysValuesCommentsAndLineNumbers() {
        String text = "# comment\n\n  tickTime = 2000\n! also a comment\nclientPort:2181  \r\ndataDir /tmp/zk\n";
        List<PropertiesLines.Entry> entries = PropertiesLines.parse(text).entries();
        assertEquals(List.of(
                new PropertiesLines.Entry("tickTime", "2000", 3),
                new PropertiesLines.Entry("clientPort", "2181  ", 5),
                new PropertiesLines.Entry("dataDir", "/tmp/zk", 6)), entries);
    }

    @Test
    void keepsRepeatedKeysInFileOrder() {
        List<PropertiesLines.Entry> entries = PropertiesLines.parse("a=1\nb=2\na=3\n").entries();
        assertEquals(List.of("a", "b", "a"), entries.stream().map(PropertiesLines.Entry::key).toList());
    }

    @Test
    void joinsContinuationLines() {
        List<PropertiesLines.Entry> entries = PropertiesLines.parse("list=a,\\\n    b,\\\n  c\nnext=1").entries();
        assertEquals(new PropertiesLines.Entry("list", "a,b,c", 1), entries.get(0));
        assertEquals(new PropertiesLines.Entry("next", "1", 4), entries.get(1));
    }

    @Test
    void reportsMalformedUnicodeEscapeWithItsLine() {
        PropertiesLines.Parsed parsed = PropertiesLines.parse("ok=1\nbad=\\u12x4\n");
        assertEquals(List.of("line 2: malformed \\uXXXX escape"), parsed.problems());
        assertEquals(1, parsed.entries().size());
    }

    /**
     * Whatever the text, the last value per key equals what java.util.Properties (ZooKeeper's reader)
     * loads. (An exhaustive run over every string of up to six characters from this alphabet agreed too.)
     */
    @Property(tries = 500)
    void agreesWithJavaUtilProperties(@ForAll("propertiesText") String text) throws IOException {
        Properties reference = new Properties();
        boolean referenceFailed = false;
        try {
            reference.load(new StringReader(text));
        } catch (IllegalArgumentException malformedEscape) {
            referenceFailed = true;
        }
        PropertiesLines.Parsed parsed = PropertiesLines.parse(text);
        if (referenceFailed) {
            assertFalse(parsed.problems().isEmpty(), "Properties rejected the text, so must we");
            return;
        }
        Map<String, String> ours = new HashMap<>();
        parsed.entries().forEach(e -> ours.put(e.key(), e.value()));
        Map<String, String> theirs = new HashMap<>();
        reference.forEach((k, v) -> theirs.put((String) k, (String) v));
        // Properties keeps an empty key in a few odd cases ("\\" alone on the last line); no zoo.cfg key is empty.
        ours.remove("");
        theirs.remove("");
        assertEquals(theirs, ours);
    }

    @Provide
    Arbitrary<String> propertiesText() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab=: \t\\#!u0fF\f").ofMaxLength(6),
                Arbitraries.of("\n", "\r\n", "\r", "\\\n", "\\u0041", "\\u00", "key=value", "# c\\\n"));
        return token.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }
}
