package zoolog.coord.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which four-letter words may run, parsed once from zoo.cfg's {@code 4lw.commands.whitelist}.
 * The value is a comma-separated list of commands, {@code *} enables all; unset means only
 * {@code srvr}, and {@code srvr} is always enabled because {@code zkServer.sh status} relies on
 * it. Names that are not commands are kept in {@code unknownCommands} for the config layer to
 * warn about, the way ZooKeeper accepts them silently but never runs them.
 */
public record FourLetterWhitelist(Set<FourLetterWord> enabled, List<String> unknownCommands) {

    /** The whitelist of a server whose zoo.cfg does not set the key: only {@code srvr}. */
    public static final FourLetterWhitelist DEFAULT = parse(null);

    public FourLetterWhitelist {
        enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled));
        unknownCommands = List.copyOf(unknownCommands);
    }

    /** Parses the property value; {@code null} or blank means the key is absent. */
    public static FourLetterWhitelist parse(String value) {
        EnumSet<FourLetterWord> enabled = EnumSet.of(FourLetterWord.SRVR);
        List<String> unknown = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                String command = item.trim();
                if (command.equals("*")) {
                    enabled = EnumSet.allOf(FourLetterWord.class);
                } else if (!command.isEmpty()) {
                    FourLetterWord word = FourLetterWord.byCommand(command);
                    if (word != null) {
                        enabled.add(word);
                    } else {
                        unknown.add(command);
                    }
                }
            }
        }
        return new FourLetterWhitelist(enabled, unknown);
    }

    public boolean isEnabled(FourLetterWord word) {
        return enabled.contains(word);
    }
}
