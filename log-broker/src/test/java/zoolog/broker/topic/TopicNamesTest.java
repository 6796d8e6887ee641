package zoolog.broker.topic;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void kafkasRules() {
        assertNull(TopicNames.problem("orders"));
        assertNull(TopicNames.problem("a.b_c-D9"));
        assertNull(TopicNames.problem("x".repeat(TopicNames.LENGTH_MAX)));
        assertNotNull(TopicNames.problem(""));
        assertNotNull(TopicNames.problem("."));
        assertNotNull(TopicNames.problem(".."));
        assertNotNull(TopicNames.problem("x".repeat(TopicNames.LENGTH_MAX + 1)));
        assertNotNull(TopicNames.problem("with space"));
        assertNotNull(TopicNames.problem("slash/es"));
        assertNotNull(TopicNames.problem("ünïcode"));
    }
}
