package io.hireload.embedded;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An S3-compatible server on loopback backed by plain files: object {@code employees/x.csv} of
 * bucket {@code hireload} is the file {@code <root>/hireload/employees/x.csv}, so an operator can
 * drop files in.
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** Where the sample CSVs go when the bucket is new: the layout the loaders read. */
    private static final String[][] SAMPLE = {
            {"sample/departments.csv", "departments/departments.csv"},
            {"sample/jobs.csv", "jobs/jobs.csv"},
            {"sample/hired_employees.csv", "employees/hired_employees.csv"},
    };

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Serves {@code root} on a free loopback port. */
    public static EmbeddedS3 start(Path root) {
        try {
            Files.createDirectories(root);
            Properties properties = new Properties();
            properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, root.toAbsolutePath().toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                    .credentials("hireload", "hireload")
                    .overrides(properties)
                    .buildView(BlobStoreContext.class);
            URI endpoint = URI.create("http://127.0.0.1:" + EmbeddedDatabase.freePort());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .endpoint(endpoint)
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
            return new EmbeddedS3(proxy, context, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded S3 store in " + root, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded S3 server: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates {@code bucket} with the challenge's sample CSVs in it, unless it exists already: an
     * operator's own files are never overwritten.
     *
     * @return whether the bucket was created
     */
    public boolean seedIfMissing(String bucket) {
        BlobStore store = context.getBlobStore();
        if (store.containerExists(bucket)) {
            return false;
        }
        store.createContainerInLocation(null, bucket);
        for (String[] sample : SAMPLE) {
            putResource(bucket, sample[0], sample[1]);
        }
        return true;
    }

    public boolean bucketExists(String bucket) {
        return context.getBlobStore().containerExists(bucket);
    }

    /** Writes one object and answers its ETag (as an S3 event announces it); tests use it to lay out buckets. */
    public String put(String bucket, String key, byte[] content) {
        BlobStore store = bucket(bucket);
        return store.putBlob(bucket, store.blobBuilder(key).payload(content).contentLength(content.length).build());
    }

    /** Writes one object streamed from a file, whatever its size (the bench's 20M-row file is 0.8 GB). */
    public String put(String bucket, String key, Path file) {
        BlobStore store = bucket(bucket);
        return store.putBlob(bucket, store.blobBuilder(key).payload(file.toFile()).contentLength(file.toFile().length()).build());
    }

    /** The store, with {@code bucket} made if it is not there yet. */
    private BlobStore bucket(String bucket) {
        BlobStore store = context.getBlobStore();
        if (!store.containerExists(bucket)) {
            store.createContainerInLocation(null, bucket);
        }
        return store;
    }

    public void delete(String bucket, String key) {
        context.getBlobStore().removeBlob(bucket, key);
    }

    public void deleteBucket(String bucket) {
        context.getBlobStore().deleteContainer(bucket);
    }

    public static byte[] sample(String fileName) {
        try (InputStream in = EmbeddedS3.class.getClassLoader().getResourceAsStream("sample/" + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample file " + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putResource(String bucket, String resource, String key) {
        put(bucket, key, sample(resource.substring("sample/".length())));
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded S3 server", e);
        } finally {
            context.close();
        }
    }
}
