package io.hireload.deploy;

import java.util.List;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * A new VPC with three tiers: public (ALB, NAT), private with egress (tasks: ECR, Secrets Manager,
 * CloudWatch through NAT) and isolated (Aurora: no route out at all). Zones come from
 * {@code Fn::GetAZs} at deploy time, so synthesis needs no account, region or lookup.
 */
final class Network extends Construct {

    private final Vpc vpc;

    Network(Construct scope, String id, HireloadSettings settings, AuditLogs logs) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(settings.vpcCidr()))
                .maxAzs(settings.maxAzs())
                .natGateways(settings.natGateways())
                .subnetConfiguration(List.of(
                        subnet("public", SubnetType.PUBLIC, 24),
                        subnet("app", SubnetType.PRIVATE_WITH_EGRESS, 22),
                        subnet("db", SubnetType.PRIVATE_ISOLATED, 24)))
                .build();
        // Bulk loads stream whole CSV files from S3: a gateway endpoint keeps that traffic off the
        // NAT gateway, which bills per GB, and costs nothing itself.
        vpc.addGatewayEndpoint("S3", GatewayVpcEndpointOptions.builder()
                .service(GatewayVpcEndpointAwsService.S3)
                .build());
        // Every accepted and rejected flow, for an incident's "who talked to what"; to S3, which needs
        // no IAM role and is cheaper than CloudWatch Logs for records rarely read.
        for (var subnet : vpc.getPublicSubnets()) {
            Reviewed.accept(subnet, Reviewed.NIST + "VPCNoUnrestrictedRouteToIGW", "The public subnets hold the "
                    + "internet-facing load balancer and the NAT gateways; a route to the internet gateway is their purpose. "
                    + "Tasks and Aurora live in the private and isolated subnets.");
        }
        vpc.addFlowLog("FlowLogs", FlowLogOptions.builder()
                .destination(FlowLogDestination.toS3(logs.bucket(), AuditLogs.FLOW_LOGS_PREFIX))
                .trafficType(FlowLogTrafficType.ALL)
                .build());
    }

    Vpc vpc() {
        return vpc;
    }

    private static SubnetConfiguration subnet(String name, SubnetType type, int cidrMask) {
        var builder = SubnetConfiguration.builder().name(name).subnetType(type).cidrMask(cidrMask);
        if (type == SubnetType.PUBLIC) {
            // Nothing launched here gets a public address by default: the ALB and the NAT gateways bring their own.
            builder.mapPublicIpOnLaunch(false);
        }
        return builder.build();
    }
}
