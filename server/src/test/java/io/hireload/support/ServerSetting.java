package io.hireload.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A setting of the test class's server on top of {@link EmbeddedServices}' own (database, bucket,
 * keys): read by the extension into {@link TestServerConfig}, so the {@code @HelidonTest} server
 * and the server JVMs the class starts beside it all see it, like any other setting.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ServerSetting.List.class)
public @interface ServerSetting {
    /** The setting's name, as SPEC section 4 or a {@code @ConfigProperty} spells it. */
    String name();

    String value();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        ServerSetting[] value();
    }
}
