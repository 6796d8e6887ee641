package zoolog.protocol.kafka;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.types.BoundField;
import org.apache.kafka.common.protocol.types.Schema;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Maps kafka-clients' generated message objects onto Zoolog's records by name: each record
 * component is read from the Kafka accessor of the same name, recursively through lists and
 * nested structs. Because the mapping is by name, one test covers every API, and a component
 * whose name, type or nullability differs from Kafka's fails loudly. Also checks the other
 * direction: every field a Kafka schema version has must exist in our record.
 */
final class KafkaMirror {

    private KafkaMirror() {}

    static Class<?> requestClass(ApiKey key) {
        return nested(key, "Request");
    }

    static Class<?> responseClass(ApiKey key) {
        return nested(key, "Response");
    }

    private static Class<?> nested(ApiKey key, String name) {
        try {
            return Class.forName("zoolog.protocol.kafka." + key.apiName() + "$" + name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no " + name + " record for " + key, e);
        }
    }

    /** Builds our record of {@code type} from a kafka-clients message or value. */
    static Object toOurs(Object kafka, Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (kafka == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object element : (Iterable<?>) kafka) {
                out.add(toOurs(element, list.getActualTypeArguments()[0]));
            }
            return out;
        }
        if (type == ByteBuf.class) {
            return kafka == null ? null : Unpooled.wrappedBuffer(((MemoryRecords) kafka).buffer().duplicate());
        }
        if (type == UUID.class) {
            Uuid uuid = (Uuid) kafka;
            return new UUID(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            RecordComponent[] components = c.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                args[i] = toOurs(accessor(kafka, components[i].getName()), components[i].getGenericType());
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> constructor = c.getDeclaredConstructor(types);
                return constructor.newInstance(args);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new AssertionError("cannot build " + c.getName() + " from " + Arrays.toString(args), e);
            }
        }
        return kafka;
    }

    private static Object accessor(Object kafka, String name) {
        try {
            return kafka.getClass().getMethod(name).invoke(kafka);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(kafka.getClass().getName() + " has no field " + name);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(e);
        }
    }

    /** Every non-tagged field of the Kafka schema has a component of the same name in {@code ours}. */
    static void assertCovers(Class<?> ours, Schema schema, String path) {
        for (BoundField field : schema.fields()) {
            String flatName = field.def.name.replace("_", "").toLowerCase();
            if (flatName.equals("taggedfields")) {
                continue;
            }
            RecordComponent component = Arrays.stream(ours.getRecordComponents())
                    .filter(rc -> rc.getName().toLowerCase().equals(flatName))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(path + ": " + ours.getSimpleName()
                            + " lacks field " + field.def.name));
            if (field.def.type.isArray()
                    && field.def.type.arrayElementType().orElseThrow() instanceof Schema element) {
                Type elementType = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                assertCovers((Class<?>) elementType, element, path + "." + component.getName());
            }
        }
    }

    /** Structural equality through records and lists, with byte arrays by content. */
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
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                try {
                    if (!deepEquals(component.getAccessor().invoke(a), component.getAccessor().invoke(b))) {
                        return false;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
