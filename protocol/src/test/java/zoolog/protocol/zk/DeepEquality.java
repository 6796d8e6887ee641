package zoolog.protocol.zk;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Structural equality for the protocol records, which hold {@code byte[]} fields that a record's
 * generated {@code equals} compares by identity. Recurses through records and lists; everything
 * else uses {@code equals}. Also renders values with array contents for failure messages.
 */
final class DeepEquality {

    private DeepEquality() {}

    static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (!deepEquals(component(c, a), component(c, b))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static void assertDeepEquals(Object expected, Object actual) {
        if (!deepEquals(expected, actual)) {
            throw new AssertionError("expected " + show(expected) + "\n but was " + show(actual));
        }
    }

    static String show(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeepEquality::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value != null && value.getClass().isRecord()) {
            StringBuilder sb = new StringBuilder(value.getClass().getSimpleName()).append('(');
            RecordComponent[] components = value.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=')
                        .append(show(component(components[i], value)));
            }
            return sb.append(')').toString();
        }
        return String.valueOf(value);
    }

    private static Object component(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
