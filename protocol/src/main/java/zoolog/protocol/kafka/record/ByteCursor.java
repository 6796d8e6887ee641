package zoolog.protocol.kafka.record;

import java.nio.ByteBuffer;

/**
 * A bounds-checked reader over {@code buffer[position, limit)} for the zig-zag varints inside
 * records. A read past the limit or an over-long varint does not throw: it sets {@link #malformed()}
 * and returns 0, so a parser can run to the end and check once, and untrusted bytes never raise
 * exceptions. Used by one thread at a time, like the buffer it reads.
 */
final class ByteCursor {

    /** A zig-zag int takes at most 5 bytes of 7 bits. */
    private static final int VARINT_BYTES_MAX = 5;
    /** A zig-zag long takes at most 10 bytes of 7 bits. */
    private static final int VARLONG_BYTES_MAX = 10;

    private final ByteBuffer buffer;
    /** The limit given at construction; {@link #limit(int)} may narrow and widen up to it. */
    private final int end;
    private int position;
    private int limit;
    private boolean malformed;

    ByteCursor(ByteBuffer buffer, int position, int limit) {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
        this.end = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    /** Moves the end of the readable range, e.g. to one record's length and back; never past the first limit. */
    void limit(int newLimit) {
        if (newLimit > end || newLimit < position) {
            malformed = true;
            return;
        }
        limit = newLimit;
    }

    boolean malformed() {
        return malformed;
    }

    byte readByte() {
        if (malformed || position >= limit) {
            malformed = true;
            return 0;
        }
        return buffer.get(position++);
    }

    /** Moves past {@code count} bytes; a negative count or one beyond the limit is malformed. */
    void skip(int count) {
        if (malformed || count < 0 || count > limit - position) {
            malformed = true;
            return;
        }
        position += count;
    }

    int readVarint() {
        long raw = readUnsignedVarlong(VARINT_BYTES_MAX);
        if (raw > 0xFFFF_FFFFL) {
            malformed = true;
            return 0;
        }
        int value = (int) raw;
        return (value >>> 1) ^ -(value & 1);
    }

    long readVarlong() {
        long raw = readUnsignedVarlong(VARLONG_BYTES_MAX);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private long readUnsignedVarlong(int bytesMax) {
        long value = 0;
        for (int i = 0; i < bytesMax; i++) {
            byte b = readByte();
            if (malformed) {
                return 0;
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        malformed = true;
        return 0;
    }
}
