package io.hireload.background;

import io.helidon.microprofile.server.ServerCdiExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the {@link Part}s stage by stage in {@link Stage}'s order and stops them in
 * {@link Stage#STOP_ORDER}: the one place the server's background work is started and stopped.
 *
 * <p>The stages before the port run first of all as CDI starts (priority 0: Flyway before Hibernate
 * or anything else touches the tables). Helidon MP binds the port in its own observer of
 * {@code @Initialized(ApplicationScoped.class)} at {@code PLATFORM_AFTER + 100}; when the bind fails
 * (the port taken) Helidon 4.2.0 logs it and goes on starting with port -1 until it shuts the JVM
 * down, so the port is checked here, and such a server starts none of the later stages.
 *
 * <p>The stop runs once, ahead of the web server ({@code @BeforeDestroyed} at priority -100, before
 * Helidon's own observer, and before any bean is destroyed: CDI destroys beans in no defined order,
 * so a {@code @PreDestroy} could find the pool closed), or from a JVM shutdown hook, which covers a
 * SIGTERM between the port's bind and Helidon registering its own hook.
 */
@ApplicationScoped
public class Lifecycle {
    private static final Logger LOG = Logger.getLogger(Lifecycle.class.getName());
    /** Just after Helidon's web server start (ServerCdiExtension.startServer). */
    static final int SERVER_STARTED = Interceptor.Priority.PLATFORM_AFTER + 101;

    private record Started(Stage stage, Part part) {
    }

    private final Instance<Part> parts;
    private final Background background;
    private final List<Started> started = new ArrayList<>();
    private final Thread hook;
    private boolean stopped;

    @Inject
    public Lifecycle(@Any Instance<Part> parts, Background background) {
        this.parts = parts;
        this.background = background;
        this.hook = Background.threads("hireload-stop").newThread(this::stop);
    }

    /** For CDI's proxy only. */
    protected Lifecycle() {
        this.parts = null;
        this.background = null;
        this.hook = null;
    }

    void beforeThePort(@Observes @Priority(0) @Initialized(ApplicationScoped.class) Object event) {
        start(false);
    }

    void afterThePort(@Observes @Priority(SERVER_STARTED) @Initialized(ApplicationScoped.class) Object event,
                      ServerCdiExtension server) {
        if (!server.started() || server.port() <= 0) {
            LOG.severe("the server is not listening (its port may be taken): no load work starts on this instance");
            return;
        }
        Runtime.getRuntime().addShutdownHook(hook);
        start(true);
    }

    void beforeStop(@Observes @Priority(-100) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException jvmStoppingOrNeverAdded) {
            // the hook is running, has run, or was never added (the port was not bound)
        }
        stop();
    }

    private synchronized void start(boolean afterThePort) {
        for (Stage stage : Stage.values()) {
            if (stage.afterThePort() != afterThePort || stopped) {
                continue;
            }
            // Made only now, when their stage starts: none of them exists before the schema is current.
            List<Instance.Handle<Part>> of = new ArrayList<>();
            parts.handles().forEach(h -> {
                if (stageOf(h) == stage) {
                    of.add(h);
                }
            });
            of.sort(Comparator.comparing(h -> h.getBean().getBeanClass().getName()));
            for (Instance.Handle<Part> handle : of) {
                Part part = handle.get();
                part.start();
                started.add(new Started(stage, part));
            }
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (Stage stage : Stage.STOP_ORDER) {
            if (stage == Stage.REQUESTS) {
                continue; // after the web server: Background's own @PreDestroy
            }
            for (Started s : started) {
                if (s.stage() == stage) {
                    try {
                        s.part().stop();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "stopping " + stage + ": " + e.getMessage(), e);
                    }
                }
            }
            background.stop(stage);
        }
    }

    private static Stage stageOf(Instance.Handle<? extends Part> handle) {
        Class<?> type = handle.getBean().getBeanClass();
        InStage in = type.getAnnotation(InStage.class);
        if (in == null) {
            throw new IllegalStateException(type.getName() + " is a background Part without @InStage: say which stage it starts in");
        }
        return in.value();
    }
}
