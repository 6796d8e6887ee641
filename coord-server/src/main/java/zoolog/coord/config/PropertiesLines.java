package zoolog.coord.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a zoo.cfg text into key/value entries with the rules of {@link java.util.Properties#load}
 * (which is what ZooKeeper uses): {@code #} and {@code !} comments, a key ending at the first
 * unescaped {@code =}, {@code :} or blank, backslash continuation lines and escapes. Unlike
 * {@code Properties} it keeps line numbers, file order and repeated keys, and reports a malformed
 * {@code \\uXXXX} escape as a problem instead of throwing, so the parser can explain all of it.
 * Trailing blanks of a value are kept, exactly as {@code Properties} keeps them.
 */
public final class PropertiesLines {

    /** One {@code key=value} of the file; {@code lineNumber} is where the logical line starts (1-based). */
    public record Entry(String key, String value, int lineNumber) {}

    /** The entries in file order, and the lines that could not be read (as "line N: reason"). */
    public record Parsed(List<Entry> entries, List<String> problems) {}

    private PropertiesLines() {}

    public static Parsed parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        int index = 0;
        while (index < lines.length) {
            int firstLine = index + 1;
            String line = stripLeadingBlanks(lines[index++]);
            // A lone continuation backslash leaves the logical line empty, so the next line starts afresh.
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '!' || line.equals("\\")) {
                continue;
            }
            StringBuilder logical = new StringBuilder();
            while (endsWithContinuation(line) && index < lines.length) {
                logical.append(line, 0, line.length() - 1);
                line = stripLeadingBlanks(lines[index++]);
            }
            if (endsWithContinuation(line)) {
                line = line.substring(0, line.length() - 1);
            }
            logical.append(line);
            splitEntry(logical.toString(), firstLine, entries, problems);
        }
        return new Parsed(List.copyOf(entries), List.copyOf(problems));
    }

    private static void splitEntry(String logical, int lineNumber, List<Entry> entries, List<String> problems) {
        int keyEnd = 0;
        boolean escaped = false;
        while (keyEnd < logical.length()) {
            char c = logical.charAt(keyEnd);
            if (!escaped && (c == '=' || c == ':' || isBlank(c))) {
                break;
            }
            escaped = !escaped && c == '\\';
            keyEnd++;
        }
        int valueStart = keyEnd;
        while (valueStart < logical.length() && isBlank(logical.charAt(valueStart))) {
            valueStart++;
        }
        if (valueStart < logical.length() && (logical.charAt(valueStart) == '=' || logical.charAt(valueStart) == ':')) {
            valueStart++;
            while (valueStart < logical.length() && isBlank(logical.charAt(valueStart))) {
                valueStart++;
            }
        }
        String key = unescape(logical.substring(0, keyEnd));
        String value = unescape(logical.substring(valueStart));
        if (key == null || value == null) {
            problems.add("line " + lineNumber + ": malformed \\uXXXX escape");
            return;
        }
        entries.add(new Entry(key, value, lineNumber));
    }

    /** Resolves backslash escapes; returns null when a {@code \\u} is not followed by four hex digits. */
    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i++);
            if (c != '\\' || i == raw.length()) {
                if (c != '\\') {
                    out.append(c);
                }
                continue;
            }
            char escaped = raw.charAt(i++);
            switch (escaped) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 > raw.length()) {
                        return null;
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(raw.charAt(i++), 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String stripLeadingBlanks(String line) {
        int start = 0;
        while (start < line.length() && isBlank(line.charAt(start))) {
            start++;
        }
        return line.substring(start);
    }

    /** The blanks {@code Properties} treats as separators: space, tab and form feed. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f';
    }
}
