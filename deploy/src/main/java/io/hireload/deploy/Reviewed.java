package io.hireload.deploy;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * cdk-nag findings kept on purpose, of the AwsSolutions pack (a bare rule such as {@code IAM5}) and
 * of the NIST 800-53 rev 5 pack ({@link #NIST} followed by the rule). Each is accepted where the resource is built, on
 * that resource only, with why; any other finding fails synthesis and the deploy tests. docs/DEPLOY.md
 * ("What the review accepted") lists them for a reader of the runbook.
 */
final class Reviewed {
    /** CDK's singleton that sets the retention of log groups AWS services create (Aurora's). */
    static final String LOG_RETENTION_FUNCTION = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a";
    /** CDK's singleton that writes the bucket's event notification configuration at deploy time. */
    static final String BUCKET_NOTIFICATIONS_FUNCTION = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";

    /** The prefix of the NIST 800-53 rev 5 pack's rule ids. */
    static final String NIST = "NIST.800.53.R5-";
    private static final String AWS_SOLUTIONS = "AwsSolutions-";

    private Reviewed() {
    }

    /** Accepts {@code rule} on {@code resource} and its children, for the findings {@code appliesTo} names (all if none). */
    static void accept(IConstruct resource, String rule, String reason, Object... appliesTo) {
        NagSuppressions.addResourceSuppressions(resource, List.of(suppression(rule, reason, appliesTo)), true);
    }

    /** A rule accepted for the whole stack, for findings that are one decision everywhere. */
    static void acceptEverywhere(Stack stack, String rule, String reason) {
        NagSuppressions.addStackSuppressions(stack, List.of(suppression(rule, reason)), true);
    }

    /** For constructs CDK creates on its own, found by path under the stack. */
    static void acceptAt(Stack stack, String path, String rule, String reason, Object... appliesTo) {
        NagSuppressions.addResourceSuppressionsByPath(stack, stack.getNode().getPath() + "/" + path,
                List.of(suppression(rule, reason, appliesTo)), true);
    }

    /** A finding matched by a regular expression, for ARNs whose logical ids CDK generates. */
    static RegexAppliesTo matching(String regex) {
        return RegexAppliesTo.builder().regex("/" + regex + "/").build();
    }

    private static NagPackSuppression suppression(String rule, String reason, Object... appliesTo) {
        var builder = NagPackSuppression.builder().id(rule.startsWith(NIST) ? rule : AWS_SOLUTIONS + rule).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of(appliesTo));
        }
        return builder.build();
    }
}
