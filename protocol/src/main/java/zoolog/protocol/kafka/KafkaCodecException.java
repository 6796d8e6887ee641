package zoolog.protocol.kafka;

/**
 * A frame that does not hold a well-formed Kafka message: truncated, a negative or oversized
 * length, an array that cannot fit, an unknown API key or an unsupported version. It carries the
 * path of the field that failed ({@code topicData[0].partitionData[2].records}) and the problem,
 * so a broker log line says exactly what a client sent wrong. The broker answers it by closing the
 * connection, as Kafka does when a request cannot be parsed; it is checked so that no decode path
 * can forget it.
 */
public final class KafkaCodecException extends Exception {

    private final String path;
    private final String problem;

    public KafkaCodecException(String path, String problem) {
        super(path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** The dotted path of the field that failed, outermost first. */
    public String path() {
        return path;
    }

    /** What is wrong with that field, without the path. */
    public String problem() {
        return problem;
    }

    /** This failure seen from an enclosing struct, array element or message. */
    public KafkaCodecException within(String outer) {
        return new KafkaCodecException(outer + "." + path, problem);
    }
}
