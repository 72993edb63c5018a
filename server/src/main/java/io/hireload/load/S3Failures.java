package io.hireload.load;

import io.hireload.web.ApiProblem;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Says what went wrong with S3 in words an operator can act on, with a fitting status. */
final class S3Failures {
    private S3Failures() {
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static ApiProblem describe(RuntimeException e, String bucket, String key) {
        String where = "s3://" + bucket + (key == null ? "" : "/" + key);
        if (e instanceof NoSuchBucketException) {
            return new ApiProblem(503, "s3 bucket missing", "the bucket " + bucket + " does not exist", e);
        }
        if (e instanceof NoSuchKeyException) {
            return new ApiProblem(502, "s3 object missing", where + " disappeared during the load", e);
        }
        if (e instanceof S3Exception s3) {
            return new ApiProblem(502, "s3 error", "S3 answered " + s3.statusCode() + " for " + where + ": "
                    + s3.awsErrorDetails().errorMessage(), e);
        }
        if (e instanceof SdkClientException) {
            return new ApiProblem(503, "s3 unreachable", "cannot read " + where + ": " + e.getMessage(), e);
        }
        if (key != null && hasCause(e, java.io.IOException.class)) {
            return new ApiProblem(502, "s3 read failed", "reading " + where + " broke off: " + e.getMessage()
                    + "; the batches before it are kept, run the load again to finish it", e);
        }
        return null;
    }
}
