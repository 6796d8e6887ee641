package zoolog.coord.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FourLetterWordTest {

    @Test
    void codesAreTheAsciiBytesAsABigEndianInt() {
        assertEquals(1920298859, FourLetterWord.RUOK.code());
        assertEquals(1936881266, FourLetterWord.SRVR.code());
        assertEquals(1937006964, FourLetterWord.STAT.code());
        assertEquals(1835955314, FourLetterWord.MNTR.code());
        assertEquals(1668247142, FourLetterWord.CONF.code());
        assertEquals(1668247155, FourLetterWord.CONS.code());
        assertEquals(0x77636863, FourLetterWord.WCHC.code());
        assertEquals(0x6973726f, FourLetterWord.ISRO.code());
    }

    @Test
    void lookupByCodeAndCommand() {
        for (FourLetterWord word : FourLetterWord.values()) {
            assertEquals(word, FourLetterWord.byCode(word.code()));
            assertEquals(word, FourLetterWord.byCommand(word.command()));
            // Larger than the default jute.maxbuffer (0xfffff), so never a legal frame length.
            assertTrue(word.code() > 0xfffff, word + " must not look like a length");
        }
        assertNull(FourLetterWord.byCode(0x00000010));
        assertNull(FourLetterWord.byCommand("SRVR"));
        assertNull(FourLetterWord.byCommand("gtmk"));
    }

    @Test
    void defaultWhitelistIsOnlySrvr() {
        assertEquals(java.util.Set.of(FourLetterWord.SRVR), FourLetterWhitelist.DEFAULT.enabled());
        assertEquals(FourLetterWhitelist.DEFAULT, FourLetterWhitelist.parse("  "));
    }

    @Test
    void starEnablesAll() {
        FourLetterWhitelist all = FourLetterWhitelist.parse("ruok, *");
        for (FourLetterWord word : FourLetterWord.values()) {
            assertTrue(all.isEnabled(word));
        }
    }

    @Test
    void listIsTrimmedSrvrIsAlwaysOnAndUnknownNamesAreReported() {
        FourLetterWhitelist list = FourLetterWhitelist.parse(" stat ,ruok,, bogus ,MNTR");
        assertTrue(list.isEnabled(FourLetterWord.STAT));
        assertTrue(list.isEnabled(FourLetterWord.RUOK));
        assertTrue(list.isEnabled(FourLetterWord.SRVR));
        assertFalse(list.isEnabled(FourLetterWord.MNTR));
        assertEquals(List.of("bogus", "MNTR"), list.unknownCommands());
    }
}
