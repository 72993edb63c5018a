package io.hireload.s3;

import io.hireload.failure.Failure;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Says what went wrong with S3 in words an operator can act on; null when S3 is not the cause. */
public final class S3Failures {
    /** The title of a read that broke off mid-object (a connection cut, a stream that stalled). */
    private static final String READ_BROKE_OFF = "s3 read failed";

    private S3Failures() {
    }

    /** Whether {@code problem} is a read that broke off: read again from the last committed line, it usually succeeds. */
    public static boolean readBrokeOff(Failure problem) {
        return problem instanceof Failure.DependencyFailed && READ_BROKE_OFF.equals(problem.title());
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** What to throw for {@code e}: its {@link #describe description} when S3 is the cause, else {@code e} itself. */
    public static RuntimeException toThrow(RuntimeException e, String bucket, String key) {
        Failure failure = describe(e, bucket, key);
        return failure != null ? failure : e;
    }

    public static Failure describe(RuntimeException e, String bucket, String key) {
        String where = "s3://" + bucket + (key == null ? "" : "/" + key);
        if (e instanceof NoSuchBucketException) {
            return new Failure.Unavailable("s3 bucket missing", "the bucket " + bucket + " does not exist", e);
        }
        if (e instanceof NoSuchKeyException) {
            return new Failure.DependencyFailed("s3 object missing", where + " disappeared during the load", e);
        }
        if (e instanceof S3Exception s3) {
            return new Failure.DependencyFailed("s3 error", "S3 answered " + s3.statusCode() + " for " + where + ": "
                    + s3.awsErrorDetails().errorMessage(), e);
        }
        if (e instanceof SdkClientException) {
            return new Failure.Unavailable("s3 unreachable", "cannot read " + where + ": S3 cannot be reached; "
                    + "try again when /health/ready answers 200", e);
        }
        if (key != null && hasCause(e, java.io.IOException.class)) {
            return new Failure.DependencyFailed(READ_BROKE_OFF, "reading " + where + " broke off"
                    + "; the batches before it are kept, run the load again to finish it", e);
        }
        return null;
    }
}
