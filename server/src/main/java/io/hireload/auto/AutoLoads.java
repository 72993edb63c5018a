package io.hireload.auto;

import io.hireload.background.Background;
import io.hireload.background.Stage;
import io.hireload.load.queue.LoadPromotion;
import io.hireload.load.engine.LoadWorkers;
import io.hireload.model.TableName;
import io.hireload.s3.CsvObjects.CsvObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads that start themselves, from an S3 event ({@link EventQueue}) or the bucket watch
 * ({@link BucketWatch}): each becomes an {@code auto} load of the object's table in the shared
 * engine, then the engine's workers (of any instance) are told.
 *
 * <p>Parents first: a drop of departments, jobs and employees files is announced one object at a
 * time and in no guaranteed order, so an employees load that started itself waits
 * {@code hireload.auto.employees-wait-seconds} (default 10) before it may start; a departments or
 * jobs load of the same drop queued meanwhile then holds it back until it has ended (the engine's
 * promotion rule).
 */
@ApplicationScoped
public class AutoLoads {
    private static final Logger LOG = Logger.getLogger(AutoLoads.class.getName());

    private final AutoQueue queue;
    private final LoadPromotion promotion;
    private final LoadWorkers workers;
    private final int employeesWaitSeconds;
    private final ScheduledExecutorService later;

    @Inject
    public AutoLoads(AutoQueue queue, LoadPromotion promotion, LoadWorkers workers, Background background,
                     @ConfigProperties AutoSettings settings) {
        this.queue = queue;
        this.promotion = promotion;
        this.workers = workers;
        this.employeesWaitSeconds = Math.max(0, settings.employeesWaitSeconds());
        this.later = background.timer("hireload-auto-later", Stage.AUTO_LOADS);
    }

    /**
     * Queues a load of {@code table} over the new versions among {@code objects} and wakes the
     * workers; answers the load's id, or empty when every object was loaded or queued already. On
     * return the load is committed (a message announcing it may be deleted).
     */
    public Optional<Long> queue(TableName table, List<CsvObject> objects, String source) {
        List<CsvObject> inKeyOrder = objects.stream().sorted(Comparator.comparing(CsvObject::key)).distinct().toList();
        Optional<Long> id = queue.queue(table, inKeyOrder, source, waitSeconds(table));
        id.ifPresent(load -> queued(table == TableName.EMPLOYEES));
        return id;
    }

    /** How long a load of {@code table} that started itself waits before it may start. */
    int waitSeconds(TableName table) {
        return table == TableName.EMPLOYEES ? employeesWaitSeconds : 0;
    }

    /**
     * Loads were committed: start what may start and wake the workers, and once more when a held
     * employees load's wait is over (the other instances' slow poll covers this one stopping).
     */
    void queued(boolean employeesHeld) {
        startWhatMay();
        if (employeesHeld && employeesWaitSeconds > 0) {
            later.schedule(this::startWhatMay, employeesWaitSeconds * 1000L + 200, TimeUnit.MILLISECONDS);
        }
    }

    private void startWhatMay() {
        try {
            promotion.promote();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "auto loads: the workers start it on their next look: " + e.getMessage(), e);
        }
        workers.wake();
    }
}
