package zoolog.coord.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Placed on a test class that needs a server configured differently from
 * {@link TestServerConfig#defaults()} — for example a short tick so sessions expire within a
 * second, or a narrow four-letter-word whitelist. {@link TestServerExtension} reads it once per class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WithServerConfig {

    int tickTimeMillis() default TestServerConfig.TICK_TIME_MILLIS_DEFAULT;

    int minSessionTimeoutMillis() default -1;

    int maxSessionTimeoutMillis() default -1;

    String fourLetterWordWhitelist() default "*";

    int containerCheckIntervalMillis() default TestServerConfig.CONTAINER_CHECK_INTERVAL_MILLIS_DEFAULT;
}
