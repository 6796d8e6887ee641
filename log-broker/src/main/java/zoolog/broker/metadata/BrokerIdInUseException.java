package zoolog.broker.metadata;

import java.io.IOException;

/** Another live broker holds {@code /brokers/ids/<id>}; the message is the one line to print. */
public final class BrokerIdInUseException extends IOException {

    public BrokerIdInUseException(String message) {
        super(message);
    }
}
