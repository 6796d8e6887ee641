package zoolog.coord.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import zoolog.coord.config.CfgKey.Converted;

/**
 * The small readers the zoo.cfg key table is built from: whole numbers with a lower bound, ports,
 * booleans, paths, the peer type and the four-letter-word whitelist. Each returns a value or a
 * short reason phrased for the operator ("'2l81' is not a whole number"); the parser adds the file
 * and key. They see values whose trailing blanks the parser has already rejected.
 */
final class ValueReaders {

    static final int PORT_MAX = 65535;

    private ValueReaders() {}

    static Function<String, Converted<Integer>> intAtLeast(int min) {
        return raw -> {
            Converted<Integer> number = wholeNumber(raw);
            if (number.ok() && number.value() < min) {
                return Converted.bad(number.value() + " is too small (the minimum is " + min + ")");
            }
            return number;
        };
    }

    /** Like {@link #intAtLeast} but also accepts {@code 0x} hexadecimal, as ZooKeeper's jute.maxbuffer does. */
    static Function<String, Converted<Integer>> intOrHexAtLeast(int min) {
        return raw -> {
            if (!raw.startsWith("0x") && !raw.startsWith("0X")) {
                return intAtLeast(min).apply(raw);
            }
            try {
                int value = Integer.parseInt(raw.substring(2), 16);
                return value < min
                        ? Converted.bad(raw + " is too small (the minimum is " + min + ")")
                        : Converted.ok(value);
            } catch (NumberFormatException e) {
                return Converted.bad("'" + raw + "' is not a hexadecimal number that fits in 31 bits");
            }
        };
    }

    static Function<String, Converted<Integer>> port() {
        return raw -> {
            Converted<Integer> number = wholeNumber(raw);
            if (number.ok() && (number.value() < 1 || number.value() > PORT_MAX)) {
                return Converted.bad(number.value() + " is not a port number (1-" + PORT_MAX + ")");
            }
            return number;
        };
    }

    static Function<String, Converted<Boolean>> bool() {
        return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> Converted.ok(true);
            case "false" -> Converted.ok(false);
            default -> Converted.bad("'" + raw + "' is neither true nor false");
        };
    }

    static Function<String, Converted<Path>> path() {
        return raw -> {
            if (raw.isEmpty()) {
                return Converted.bad("has no value");
            }
            try {
                return Converted.ok(Path.of(raw));
            } catch (InvalidPathException e) {
                return Converted.bad("'" + raw + "' is not a valid path: " + e.getReason());
            }
        };
    }

    static Function<String, Converted<String>> host() {
        return raw -> raw.isEmpty() ? Converted.bad("has no value") : Converted.ok(raw);
    }

    static Function<String, Converted<PeerType>> peerType() {
        return raw -> {
            for (PeerType type : PeerType.values()) {
                if (type.configName().equalsIgnoreCase(raw)) {
                    return Converted.ok(type);
                }
            }
            return Converted.bad("'" + raw + "' is neither participant nor observer");
        };
    }

    /**
     * Comma-separated command names, blanks around them ignored; {@code *} enables all. {@code srvr}
     * is always enabled (ZooKeeper does the same, and {@code bin/coord-server status} relies on it).
     */
    static Function<String, Converted<Set<String>>> fourLetterWords(Set<String> known) {
        return raw -> {
            Set<String> commands = new LinkedHashSet<>();
            List<String> warnings = new ArrayList<>();
            for (String part : raw.split(",")) {
                String command = part.strip();
                if (command.isEmpty()) {
                    continue;
                }
                if (command.equals(CoordConfig.ALL_FOUR_LETTER_WORDS) || known.contains(command)) {
                    commands.add(command);
                } else {
                    warnings.add("unknown four-letter word '" + command + "' ignored");
                }
            }
            commands.add("srvr");
            return Converted.ok(Set.copyOf(commands), warnings);
        };
    }

    private static Converted<Integer> wholeNumber(String raw) {
        if (raw.isEmpty()) {
            return Converted.bad("has no value");
        }
        try {
            return Converted.ok(Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            boolean tooManyDigits = raw.matches("[+-]?[0-9]+");
            return Converted.bad(tooManyDigits ? "'" + raw + "' is too large" : "'" + raw + "' is not a whole number");
        }
    }
}
