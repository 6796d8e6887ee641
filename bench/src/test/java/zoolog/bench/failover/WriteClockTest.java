package zoolog.bench.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WriteClockTest {

    @Test
    void onlyWritesIssuedAfterTheMarkCount() throws InterruptedException {
        WriteClock clock = new WriteClock();
        clock.acknowledged(5, 6);
        assertEquals(OptionalLong.empty(), clock.awaitFirstAck(0), "nothing counts before a mark");
        clock.mark(100);
        clock.acknowledged(99, 150);
        assertEquals(OptionalLong.empty(), clock.awaitFirstAck(0), "issued before the kill, answered after it");
        clock.acknowledged(120, 400);
        clock.acknowledged(110, 300);
        clock.acknowledged(200, 350);
        assertEquals(OptionalLong.of(300), clock.awaitFirstAck(0));
    }

    @Test
    void aNewMarkForgetsTheLastFirstAck() throws InterruptedException {
        WriteClock clock = new WriteClock();
        clock.mark(0);
        clock.acknowledged(1, 2);
        clock.mark(10);
        assertEquals(OptionalLong.empty(), clock.awaitFirstAck(0));
        clock.acknowledged(10, 20);
        assertEquals(OptionalLong.of(20), clock.awaitFirstAck(0));
    }

    @Test
    void nanoTimeValuesMayBeNegative() throws InterruptedException {
        WriteClock clock = new WriteClock();
        clock.mark(-50);
        clock.acknowledged(-60, -10);
        clock.acknowledged(-40, -5);
        assertEquals(OptionalLong.of(-5), clock.awaitFirstAck(0));
    }
}
