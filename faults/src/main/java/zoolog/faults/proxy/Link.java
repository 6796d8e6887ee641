package zoolog.faults.proxy;

/**
 * A directed link between two peers by server id: {@code from} opens connections to {@code to}.
 * A partition cuts links in both directions. Immutable.
 */
public record Link(int from, int to) {

    public Link reversed() {
        return new Link(to, from);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
