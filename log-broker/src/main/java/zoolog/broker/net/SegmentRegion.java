package zoolog.broker.net;

import io.netty.channel.FileRegion;
import io.netty.util.AbstractReferenceCounted;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A window of a segment file sent with {@code FileChannel.transferTo} (sendfile): the record
 * bytes of a fetch go from the page cache to the socket without entering the JVM. Unlike Netty's
 * {@code DefaultFileRegion} it never closes the channel when released, because the channel is the
 * segment's own and stays open for appends and other readers. Written by the connection's event
 * loop only.
 */
final class SegmentRegion extends AbstractReferenceCounted implements FileRegion {

    private final FileChannel channel;
    private final long position;
    private final long count;
    private long transferred;

    SegmentRegion(FileChannel channel, long position, long count) {
        this.channel = channel;
        this.position = position;
        this.count = count;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    @Deprecated
    public long transfered() {
        return transferred;
    }

    @Override
    public long transferred() {
        return transferred;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public long transferTo(WritableByteChannel target, long alreadyTransferred) throws IOException {
        long remaining = count - alreadyTransferred;
        if (remaining <= 0) {
            return 0;
        }
        long written = channel.transferTo(position + alreadyTransferred, remaining, target);
        if (written > 0) {
            transferred += written;
        } else if (written == 0 && channel.size() < position + count) {
            throw new IOException("segment file shrank below the region being sent (it was truncated or deleted)");
        }
        return written;
    }

    @Override
    protected void deallocate() {
        // The segment owns the channel; nothing of ours to free.
    }

    @Override
    public SegmentRegion retain() {
        super.retain();
        return this;
    }

    @Override
    public SegmentRegion retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public SegmentRegion touch() {
        return this;
    }

    @Override
    public SegmentRegion touch(Object hint) {
        return this;
    }
}
