package io.hireload.auto;

import io.hireload.background.Background;
import io.hireload.background.InStage;
import io.hireload.background.Part;
import io.hireload.background.Stage;
import io.hireload.model.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperties;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The bucket watch, for buckets without S3 event notifications (the embedded S3 of {@code make
 * run}, most S3-compatible services): every {@code HIRELOAD_WATCH_SECONDS} (0, the default, is
 * off) one instance lists the tables' prefixes and queues the new or changed objects as loads that
 * started themselves ({@code source: "watch"}), as an S3 event would.
 */
@ApplicationScoped
@InStage(Stage.AUTO_LOADS)
public class BucketWatch implements Part {
    private static final Logger LOG = Logger.getLogger(BucketWatch.class.getName());

    private final int seconds;
    private final WatchTick tick;
    private final AutoLoads loads;
    private final Background background;
    private boolean failing;

    @Inject
    public BucketWatch(@ConfigProperties AutoSettings settings, WatchTick tick, AutoLoads loads, Background background) {
        this.seconds = Math.max(0, settings.watchSeconds());
        this.tick = tick;
        this.loads = loads;
        this.background = background;
    }

    @Override
    public void start() {
        if (seconds == 0) {
            return;
        }
        ScheduledExecutorService timer = background.timer("hireload-bucket-watch", Stage.AUTO_LOADS);
        timer.scheduleWithFixedDelay(this::look, 1, seconds, TimeUnit.SECONDS);
        LOG.info(() -> "watching the bucket for new CSV objects every " + seconds + " s");
    }

    private void look() {
        try {
            List<TableName> queued = tick.run(loads.waitSeconds(TableName.EMPLOYEES));
            if (failing) {
                LOG.info("the bucket watch works again");
                failing = false;
            }
            if (!queued.isEmpty()) {
                LOG.info(() -> "bucket watch: loads of " + queued.stream().map(TableName::path).toList() + " queued");
                loads.queued(queued.contains(TableName.EMPLOYEES));
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warning("bucket watch: cannot look at the bucket now (trying again every " + seconds + " s): "
                        + e.getMessage());
                failing = true;
            }
        }
    }
}
