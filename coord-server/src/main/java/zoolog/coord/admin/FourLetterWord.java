package zoolog.coord.admin;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The four-letter words Zoolog answers, each with its wire code (the four ASCII bytes read as a
 * big-endian int, which is how ZooKeeper tells a command from a frame length on a fresh
 * connection) and whether answering it needs the core's state. ZooKeeper's {@code gtmk},
 * {@code stmk} (trace masks) and {@code hash} (tree digests) are not listed because Zoolog has
 * neither feature; their bytes fall through to the frame decoder, which closes the connection.
 */
public enum FourLetterWord {
    CONF(false),
    CONS(true),
    CRST(true),
    DIRS(false),
    DUMP(true),
    ENVI(false),
    ISRO(true),
    MNTR(true),
    RUOK(false),
    SRST(true),
    SRVR(true),
    STAT(true),
    WCHC(true),
    WCHP(true),
    WCHS(true);

    /**
     * Telnet's "interrupt process" sequence (IAC IP IAC DO). ZooKeeper lists it next to the
     * commands so a telnet user's Ctrl-C on a fresh connection is not read as a frame length;
     * the adapter just closes such a connection.
     */
    public static final int TELNET_CLOSE_CODE = 0xfff4fffd;

    private static final Map<Integer, FourLetterWord> BY_CODE = new HashMap<>();

    static {
        for (FourLetterWord word : values()) {
            BY_CODE.put(word.code, word);
        }
    }

    private final String command;
    private final int code;
    private final boolean needsCoreState;

    FourLetterWord(boolean needsCoreState) {
        this.command = name().toLowerCase(Locale.ROOT);
        byte[] ascii = command.getBytes(StandardCharsets.US_ASCII);
        this.code = (ascii[0] & 0xff) << 24 | (ascii[1] & 0xff) << 16 | (ascii[2] & 0xff) << 8 | ascii[3] & 0xff;
        this.needsCoreState = needsCoreState;
    }

    /** The four letters as typed, e.g. {@code "srvr"}. */
    public String command() {
        return command;
    }

    /** The first four bytes of a connection that carry this command, as a big-endian int. */
    public int code() {
        return code;
    }

    /** True when the answer is gathered on the core thread. */
    public boolean needsCoreState() {
        return needsCoreState;
    }

    /** The command whose code is {@code code}, or null when these bytes are not a command. */
    public static FourLetterWord byCode(int code) {
        return BY_CODE.get(code);
    }

    /** The command named {@code command} (case-sensitive, as ZooKeeper's whitelist is), or null. */
    public static FourLetterWord byCommand(String command) {
        for (FourLetterWord word : values()) {
            if (word.command.equals(command)) {
                return word;
            }
        }
        return null;
    }
}
