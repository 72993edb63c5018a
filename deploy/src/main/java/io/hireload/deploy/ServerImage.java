package io.hireload.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.IgnoreMode;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * Where the server's container image comes from. By default it is built from deploy/Dockerfile
 * with the repository root as context: synthesis only stages the files (no Docker needed), and
 * {@code cdk deploy} builds and pushes the image. With {@code hireload:imageUri} a prebuilt image
 * (from CI, say) is used instead and the deploying machine needs no Docker at all.
 */
final class ServerImage {

    static final String DOCKERFILE = "deploy/Dockerfile";
    /** BuildKit reads {@code <Dockerfile>.dockerignore}; the CDK staging honours the same list. */
    static final String DOCKERIGNORE = "deploy/Dockerfile.dockerignore";

    private ServerImage() {
    }

    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]}. */
    private static final Pattern ECR = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?:[:@](.+))?");

    static ContainerImage of(Construct scope, HireloadSettings settings, Path repoRoot) {
        if (!settings.imageUri().isEmpty()) {
            var ecr = ECR.matcher(settings.imageUri());
            if (ecr.matches()) {
                // An ECR image: the execution role is granted pull on exactly that repository.
                var repository = Repository.fromRepositoryAttributes(scope, "ImageRepository", RepositoryAttributes.builder()
                        .repositoryArn("arn:" + Aws.PARTITION + ":ecr:" + ecr.group(2) + ":" + ecr.group(1)
                                + ":repository/" + ecr.group(3))
                        .repositoryName(ecr.group(3))
                        .build());
                return ContainerImage.fromEcrRepository(repository, ecr.group(4) == null ? "latest" : ecr.group(4));
            }
            return ContainerImage.fromRegistry(settings.imageUri());
        }
        return ContainerImage.fromAsset(repoRoot.toString(), AssetImageProps.builder()
                .file(DOCKERFILE)
                .exclude(ignorePatterns(repoRoot))
                .ignoreMode(IgnoreMode.DOCKER)
                // Fargate runs the task on x86_64 (see the task's runtime platform); build for it
                // even on an arm64 laptop.
                .platform(Platform.LINUX_AMD64)
                .build());
    }

    /** The patterns of deploy/Dockerfile.dockerignore, so `docker build` and `cdk deploy` see one context. */
    static List<String> ignorePatterns(Path repoRoot) {
        var file = repoRoot.resolve(DOCKERIGNORE);
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
