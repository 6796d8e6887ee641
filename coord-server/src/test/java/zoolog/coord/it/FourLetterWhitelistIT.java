package zoolog.coord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server whose {@code 4lw.commands.whitelist} names only some words: the others are answered
 * with one fixed sentence, and {@code srvr} always works because {@code zkServer.sh status}
 * depends on it.
 */
@Tag("it")
@ExtendWith(TestServerExtension.class)
@WithServerConfig(fourLetterWordWhitelist = "ruok, mntr")
class FourLetterWhitelistIT {

    @Test
    void wordsOutsideTheWhitelistAreRefusedWithAFixedSentence(TestServer server) throws Exception {
        assertEquals("stat is not executed because it is not in the whitelist.\n", FourLetterWords.send(server.clientPort(), "stat"));
        assertEquals("cons is not executed because it is not in the whitelist.\n", FourLetterWords.send(server.clientPort(), "cons"));
    }

    @Test
    void whitelistedWordsAndSrvrAreAnswered(TestServer server) throws Exception {
        assertEquals("imok", FourLetterWords.send(server.clientPort(), "ruok"));
        assertTrue(FourLetterWords.send(server.clientPort(), "mntr").contains("zk_server_state\tstandalone"));
        assertTrue(FourLetterWords.send(server.clientPort(), "srvr").contains("Mode: standalone"));
    }
}
