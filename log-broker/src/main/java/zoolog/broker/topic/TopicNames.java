package zoolog.broker.topic;

import java.util.regex.Pattern;

/**
 * Kafka's rules for topic names: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, and not
 * {@code .} or {@code ..} (they would be directory names with a meaning). The limit leaves room
 * for the partition suffix and a deletion suffix in a 255-byte file name.
 */
public final class TopicNames {

    public static final int LENGTH_MAX = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {}

    /** Why {@code name} is not a legal topic name, or null when it is. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "Topic name is illegal, it can't be empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "Topic name cannot be \".\" or \"..\"";
        }
        if (name.length() > LENGTH_MAX) {
            return "Topic name is illegal, it can't be longer than " + LENGTH_MAX + " characters, topic name: " + name;
        }
        if (!LEGAL.matcher(name).matches()) {
            return "Topic name \"" + name + "\" is illegal, it contains a character other than ASCII alphanumerics, "
                    + "'.', '_' and '-'";
        }
        return null;
    }
}
