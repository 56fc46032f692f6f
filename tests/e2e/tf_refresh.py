"""A Terraform-style refresh: for every resource of a stack, the read calls Terraform's AWS
provider makes to refresh the matching resource, through boto3. Every call must succeed and
find the resource; the calls made are returned (for the test to show)."""

from __future__ import annotations


def refresh(region, stack: str) -> list[str]:
    cfn = region.client("cloudformation")
    ec2, elb, asg = region.client("ec2"), region.client("elbv2"), region.client("autoscaling")
    cw, sns, iam = region.client("cloudwatch"), region.client("sns"), region.client("iam")
    rds, sm = region.client("rds"), region.client("secretsmanager")
    resources = cfn.list_stack_resources(StackName=stack)["StackResourceSummaries"]
    made: list[str] = []

    def call(client, op, found=lambda out: True, **kw):
        out = getattr(client, op)(**kw)
        made.append(f"{client.meta.service_model.service_name}:{op}")
        assert found(out), f"{op}({kw}) did not find it: {out}"
        return out

    for r in resources:
        kind, pid = r["ResourceType"], r["PhysicalResourceId"]
        if kind == "AWS::EC2::VPC":
            call(ec2, "describe_vpcs", lambda o: len(o["Vpcs"]) == 1, VpcIds=[pid])
            for a in ("enableDnsSupport", "enableDnsHostnames", "enableNetworkAddressUsageMetrics"):
                call(ec2, "describe_vpc_attribute", VpcId=pid, Attribute=a)
            call(ec2, "describe_route_tables", lambda o: len(o["RouteTables"]) == 1, Filters=[
                {"Name": "vpc-id", "Values": [pid]}, {"Name": "association.main", "Values": ["true"]}])
            call(ec2, "describe_network_acls", lambda o: len(o["NetworkAcls"]) == 1, Filters=[
                {"Name": "vpc-id", "Values": [pid]}, {"Name": "default", "Values": ["true"]}])
            call(ec2, "describe_security_groups", lambda o: len(o["SecurityGroups"]) == 1, Filters=[
                {"Name": "vpc-id", "Values": [pid]}, {"Name": "group-name", "Values": ["default"]}])
            dopt = ec2.describe_vpcs(VpcIds=[pid])["Vpcs"][0]["DhcpOptionsId"]
            if dopt != "default":
                call(ec2, "describe_dhcp_options", DhcpOptionsIds=[dopt])
        elif kind == "AWS::EC2::Subnet":
            call(ec2, "describe_subnets", lambda o: len(o["Subnets"]) == 1, SubnetIds=[pid])
        elif kind == "AWS::EC2::InternetGateway":
            call(ec2, "describe_internet_gateways", InternetGatewayIds=[pid])
        elif kind == "AWS::EC2::VPCGatewayAttachment":
            call(ec2, "describe_internet_gateways", lambda o: len(o["InternetGateways"]) >= 1,
                 Filters=[{"Name": "attachment.state", "Values": ["available"]}])
        elif kind == "AWS::EC2::RouteTable":
            call(ec2, "describe_route_tables", RouteTableIds=[pid])
        elif kind == "AWS::EC2::SubnetRouteTableAssociation":
            call(ec2, "describe_route_tables", lambda o: len(o["RouteTables"]) == 1,
                 Filters=[{"Name": "association.route-table-association-id", "Values": [pid]}])
        elif kind == "AWS::EC2::EIP":
            call(ec2, "describe_addresses", lambda o: len(o["Addresses"]) == 1, Filters=[
                {"Name": "public-ip" if pid.count(".") == 3 else "allocation-id", "Values": [pid]}])
        elif kind == "AWS::EC2::NatGateway":
            call(ec2, "describe_nat_gateways", NatGatewayIds=[pid])
            nat = ec2.describe_nat_gateways(NatGatewayIds=[pid])["NatGateways"][0]
            eni = nat["NatGatewayAddresses"][0]["NetworkInterfaceId"]
            call(ec2, "describe_network_interfaces", NetworkInterfaceIds=[eni])
        elif kind == "AWS::EC2::SecurityGroup":
            call(ec2, "describe_security_groups", GroupIds=[pid])
            call(ec2, "describe_security_group_rules", Filters=[{"Name": "group-id", "Values": [pid]}])
        elif kind == "AWS::EC2::Instance":
            i = call(ec2, "describe_instances", InstanceIds=[pid])["Reservations"][0]["Instances"][0]
            for a in ("disableApiTermination", "instanceInitiatedShutdownBehavior", "userData", "disableApiStop"):
                call(ec2, "describe_instance_attribute", InstanceId=pid, Attribute=a)
            if i["InstanceType"].startswith("t"):
                call(ec2, "describe_instance_credit_specifications",
                     lambda o: len(o["InstanceCreditSpecifications"]) == 1, InstanceIds=[pid])
            call(ec2, "describe_volumes", Filters=[{"Name": "attachment.instance-id", "Values": [pid]}])
            call(ec2, "describe_network_interfaces", lambda o: len(o["NetworkInterfaces"]) >= 1,
                 Filters=[{"Name": "attachment.instance-id", "Values": [pid]}])
        elif kind == "AWS::EC2::LaunchTemplate":
            call(ec2, "describe_launch_templates", LaunchTemplateIds=[pid])
            call(ec2, "describe_launch_template_versions", LaunchTemplateId=pid, Versions=["$Latest"])
        elif kind == "AWS::ElasticLoadBalancingV2::LoadBalancer":
            call(elb, "describe_load_balancers", LoadBalancerArns=[pid])
            call(elb, "describe_load_balancer_attributes", LoadBalancerArn=pid)
            call(elb, "describe_tags", ResourceArns=[pid])
        elif kind == "AWS::ElasticLoadBalancingV2::TargetGroup":
            call(elb, "describe_target_groups", TargetGroupArns=[pid])
            call(elb, "describe_target_group_attributes", TargetGroupArn=pid)
            call(elb, "describe_tags", ResourceArns=[pid])
        elif kind == "AWS::ElasticLoadBalancingV2::Listener":
            call(elb, "describe_listeners", ListenerArns=[pid])
            call(elb, "describe_tags", ResourceArns=[pid])
        elif kind == "AWS::AutoScaling::AutoScalingGroup":
            call(asg, "describe_auto_scaling_groups", lambda o: len(o["AutoScalingGroups"]) == 1,
                 AutoScalingGroupNames=[pid])
            call(asg, "describe_lifecycle_hooks", AutoScalingGroupName=pid)
            call(asg, "describe_notification_configurations", AutoScalingGroupNames=[pid])
        elif kind == "AWS::AutoScaling::ScalingPolicy":
            call(asg, "describe_policies", lambda o: len(o["ScalingPolicies"]) == 1, PolicyNames=[pid])
        elif kind == "AWS::AutoScaling::ScheduledAction":
            call(asg, "describe_scheduled_actions", lambda o: len(o["ScheduledUpdateGroupActions"]) == 1,
                 ScheduledActionNames=[pid])
        elif kind == "AWS::CloudWatch::Alarm":
            a = call(cw, "describe_alarms", lambda o: len(o["MetricAlarms"]) == 1, AlarmNames=[pid])
            call(cw, "list_tags_for_resource", ResourceARN=a["MetricAlarms"][0]["AlarmArn"])
        elif kind == "AWS::SNS::Topic":
            call(sns, "get_topic_attributes", TopicArn=pid)
            call(sns, "list_tags_for_resource", ResourceArn=pid)
            call(sns, "list_subscriptions_by_topic", TopicArn=pid)
        elif kind == "AWS::IAM::Group":
            call(iam, "get_group", GroupName=pid)
            call(iam, "list_attached_group_policies", GroupName=pid)
        elif kind == "AWS::IAM::User":
            call(iam, "get_user", UserName=pid)
            call(iam, "list_groups_for_user", UserName=pid)
            call(iam, "list_attached_user_policies", UserName=pid)
        elif kind == "AWS::RDS::DBInstance":
            d = call(rds, "describe_db_instances", DBInstanceIdentifier=pid)["DBInstances"][0]
            call(rds, "list_tags_for_resource", ResourceName=d["DBInstanceArn"])
        elif kind == "AWS::RDS::DBSubnetGroup":
            call(rds, "describe_db_subnet_groups", DBSubnetGroupName=pid)
        elif kind == "AWS::SecretsManager::Secret":
            call(sm, "describe_secret", SecretId=pid)
            call(sm, "get_resource_policy", SecretId=pid)
    return made
