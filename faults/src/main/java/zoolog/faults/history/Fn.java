package zoolog.faults.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The function a history line is about: a client operation of one of the workloads, or a nemesis
 * action. The JSON name is the constant's name in lower case with dashes ({@code create-sequential}).
 */
public enum Fn {
    /** Register: {@code sync} then {@code getData}; the result is the znode's value and version. */
    READ,
    /** Register: {@code setData} with version -1; the result is the new version. */
    WRITE,
    /** Register: {@code setData} with an expected version; fails with BADVERSION if it differs. */
    CAS,
    /** Sequential: a PERSISTENT_SEQUENTIAL create under the shared parent; the result is the name. */
    CREATE_SEQUENTIAL,
    /** A final listing of a parent's children after the cluster healed. */
    LIST,
    /** Ephemeral: an EPHEMERAL create owned by the process's session. */
    CREATE_EPHEMERAL,
    /** Ephemeral: the session is closed with closeSession. */
    CLOSE_SESSION,
    /** Ephemeral: the session is cut off from the servers and left to expire. */
    ABANDON_SESSION,
    /** Lock: Curator's InterProcessMutex.acquire returned true. */
    ACQUIRE,
    /** Lock: InterProcessMutex.release. */
    RELEASE,
    /** Lock: the holder's connection was suspended or lost, so it must consider the lock gone. */
    LOCK_LOST,
    KILL, RESTART, PAUSE, RESUME, PARTITION, HEAL;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Fn fromJson(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
