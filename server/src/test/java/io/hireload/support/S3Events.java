package io.hireload.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Message bodies as S3 sends them to SQS (event notification format 2.1, and the test event). */
public final class S3Events {
    private S3Events() {
    }

    /** An {@code ObjectCreated:Put} of one object; the key form-encoded, as S3 encodes it. */
    public static String created(String bucket, String key, String etag, long size) {
        return event("ObjectCreated:Put", bucket, key, etag, size);
    }

    public static String event(String eventName, String bucket, String key, String etag, long size) {
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",\
                "eventTime":"2026-12-01T04:00:00.000Z","eventName":"%s",\
                "userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},\
                "requestParameters":{"sourceIPAddress":"127.0.0.1"},\
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"hireload-tables",\
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":%d,"eTag":"%s","versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko",\
                "sequencer":"0055AED6DCD90281E5"}}}]}""".formatted(eventName, bucket, bucket, encoded, size, etag);
    }

    /** What S3 sends once when a notification to the queue is configured. */
    public static String testEvent(String bucket) {
        return """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-01T04:00:00.000Z","Bucket":"%s",\
                "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}"""
                .formatted(bucket);
    }
}
