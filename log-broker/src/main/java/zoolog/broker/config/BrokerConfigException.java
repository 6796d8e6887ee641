package zoolog.broker.config;

/** A server.properties value that stops start-up; the message is the one line to print. */
public final class BrokerConfigException extends Exception {

    public BrokerConfigException(String message) {
        super(message);
    }
}
