package io.hireload.background;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stage of a {@link Part}: read from the bean's class, so that a part is made only when its
 * stage starts (the schema's stage before any bean that touches a table).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InStage {
    Stage value();
}
