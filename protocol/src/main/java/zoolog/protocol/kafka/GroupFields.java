package zoolog.protocol.kafka;

/**
 * Layout pieces shared by several group-coordinator responses, written once so the messages
 * that share them cannot drift apart.
 */
final class GroupFields {

    private GroupFields() {}

    /** {@code throttleTimeMs} (v1+) then {@code errorCode}: how Heartbeat, LeaveGroup, SyncGroup and ListGroups responses begin. */
    static void writeThrottleAndError(KafkaWriter w, short version, int throttleTimeMs, short errorCode) {
        if (version >= 1) {
            w.writeInt32(throttleTimeMs);
        }
        w.writeInt16(errorCode);
    }
}
