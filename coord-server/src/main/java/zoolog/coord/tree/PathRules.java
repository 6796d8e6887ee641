package zoolog.coord.tree;

/**
 * ZooKeeper's znode path rules, as a pure check. A valid path is absolute, has no empty, "." or
 * ".." component, no trailing slash (except the root itself), and none of the characters
 * ZooKeeper forbids (NUL, control characters, and the surrogate/private-use ranges).
 */
public final class PathRules {

    public static final String ROOT = "/";

    private PathRules() {}

    /** Null when the path is valid, otherwise a one-line reason. */
    public static String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "path must not be empty";
        }
        if (path.charAt(0) != '/') {
            return "path must start with / character";
        }
        if (path.length() == 1) {
            return null;
        }
        if (path.charAt(path.length() - 1) == '/') {
            return "path must not end with / character";
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String reason = segmentProblem(path, segmentStart, i);
                if (reason != null) {
                    return reason;
                }
                segmentStart = i + 1;
                continue;
            }
            char c = path.charAt(i);
            if (isForbidden(c)) {
                return "invalid character @" + i;
            }
        }
        return null;
    }

    public static boolean isValid(String path) {
        return problem(path) == null;
    }

    private static String segmentProblem(String path, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return "empty node name specified @" + start;
        }
        if (length == 1 && path.charAt(start) == '.') {
            return "relative paths not allowed @" + start;
        }
        if (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
            return "relative paths not allowed @" + start;
        }
        return null;
    }

    private static boolean isForbidden(char c) {
        return c == 0
                || (c > '\u0000' && c <= '\u001f')
                || (c >= '\u007f' && c <= '\u009F')
                || (c >= '\ud800' && c <= '\uf8ff')
                || (c >= '\ufff0' && c <= '\uffff');
    }

    /** The parent of a valid non-root path ("/a" → "/", "/a/b" → "/a"). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? ROOT : path.substring(0, slash);
    }

    /** The last component of a valid non-root path. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Joins a parent path and a child name. */
    public static String child(String parent, String name) {
        return parent.length() == 1 ? "/" + name : parent + "/" + name;
    }
}
