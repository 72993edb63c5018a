package io.hireload.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * A WAFv2 web ACL on the load balancer: a per-address rate limit, then AWS's managed rule groups
 * for common exploits, known bad inputs and addresses with a bad reputation. Everything else
 * passes: keys guard the API itself.
 *
 * <p>The body-size rule of the common rule set only counts: uploads and batches are CSV bodies of
 * up to a MiB, and the ALB hands WAF only their first 8 KiB anyway; the server bounds bodies.
 */
final class WebFirewall extends Construct {
    /** How many seconds the rate-based rule counts requests over (WAF's default window). */
    static final int RATE_WINDOW_SECONDS = 300;
    /** The common rule set's rule that blocks bodies over 8 KiB, kept counting only. */
    static final String BODY_SIZE_RULE = "SizeRestrictions_BODY";
    /** The managed rule groups, in the order they run after the rate limit. */
    static final List<String> MANAGED_GROUPS = List.of("AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList");

    private final CfnWebACL acl;

    /** WAF writes to CloudWatch Logs only into log groups so named. */
    static final String LOG_GROUP_PREFIX = "aws-waf-logs-";

    WebFirewall(Construct scope, String id, HireloadSettings settings, IApplicationLoadBalancer loadBalancer,
                IKey logsKey) {
        super(scope, id);
        var rules = new ArrayList<Object>();
        rules.add(CfnWebACL.RuleProperty.builder()
                .name("RatePerAddress")
                .priority(0)
                .action(CfnWebACL.RuleActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build())
                .statement(CfnWebACL.StatementProperty.builder()
                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                .aggregateKeyType("IP")
                                .limit(settings.requestsPerAddress())
                                .evaluationWindowSec(RATE_WINDOW_SECONDS)
                                .build())
                        .build())
                .visibilityConfig(visibility("RatePerAddress"))
                .build());
        for (int i = 0; i < MANAGED_GROUPS.size(); i++) {
            var group = MANAGED_GROUPS.get(i);
            var managed = CfnWebACL.ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(group);
            if (group.equals("AWSManagedRulesCommonRuleSet")) {
                managed.ruleActionOverrides(List.of(CfnWebACL.RuleActionOverrideProperty.builder()
                        .name(BODY_SIZE_RULE)
                        .actionToUse(CfnWebACL.RuleActionProperty.builder()
                                .count(CfnWebACL.CountActionProperty.builder().build()).build())
                        .build()));
            }
            rules.add(CfnWebACL.RuleProperty.builder()
                    .name(group)
                    .priority(i + 1)
                    .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                    .statement(CfnWebACL.StatementProperty.builder().managedRuleGroupStatement(managed.build()).build())
                    .visibilityConfig(visibility(group))
                    .build());
        }
        acl = CfnWebACL.Builder.create(this, "Acl")
                .scope("REGIONAL")
                .description("hireload: rate limit per address and AWS managed rules in front of the load balancer")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder().allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility("hireload"))
                .rules(rules)
                .build();
        CfnWebACLAssociation.Builder.create(this, "Association")
                .resourceArn(loadBalancer.getLoadBalancerArn())
                .webAclArn(acl.getAttrArn())
                .build();

        // Every request WAF sees, to a log group whose name WAF requires to start with aws-waf-logs-;
        // the Authorization header (the API key) is redacted before it is written.
        var logs = LogGroup.Builder.create(this, "Logs")
                // The stack's id makes the name unique: a log group kept from a deleted stack of the same
                // name would otherwise stop the next one's creation.
                .logGroupName(LOG_GROUP_PREFIX + Aws.STACK_NAME + "-"
                        + Fn.select(2, Fn.split("/", Aws.STACK_ID)))
                .encryptionKey(logsKey)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(settings.logRetentionDays());
        var logging = CfnLoggingConfiguration.Builder.create(this, "Logging")
                .resourceArn(acl.getAttrArn())
                .logDestinationConfigs(List.of(Stack.of(this).formatArn(ArnComponents.builder()
                        .service("logs")
                        .resource("log-group")
                        .resourceName(logs.getLogGroupName())
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build())))
                .redactedFields(List.of(CfnLoggingConfiguration.FieldToMatchProperty.builder()
                        .singleHeader(Map.of("Name", "authorization"))
                        .build()))
                .build();
        logging.getNode().addDependency(logs);
    }

    CfnWebACL acl() {
        return acl;
    }

    /** Each rule's blocked and counted requests as CloudWatch metrics (namespace AWS/WAFV2), with samples. */
    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metric)
                .sampledRequestsEnabled(true)
                .build();
    }
}
