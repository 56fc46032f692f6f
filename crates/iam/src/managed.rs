//! The AWS-managed policies users reach for, with documents that grant over the services
//! homeground implements what AWS's versions grant over them. Their ARNs are AWS's
//! (`arn:aws:iam::aws:policy/…`); they live in code, not in the store, and cannot be changed.

pub struct ManagedPolicy {
    pub name: &'static str,
    pub path: &'static str,
    pub id: &'static str,
    pub description: &'static str,
    pub document: &'static str,
}

impl ManagedPolicy {
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::aws:policy{}{}", self.path, self.name)
    }
}

macro_rules! allow {
    ($($action:literal),+ $(,)?) => {
        concat!(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["#, allow!(@list $($action),+), r#"],"Resource":"*"}]}"#)
    };
    (@list $first:literal $(, $rest:literal)*) => { concat!("\"", $first, "\"" $(, ",\"", $rest, "\"")*) };
}

const READ_ONLY: &str = allow!(
    "iam:Get*",
    "iam:List*",
    "iam:Generate*",
    "iam:Simulate*",
    "sts:GetCallerIdentity",
    "ec2:Describe*",
    "ec2:GetConsoleOutput",
    "elasticloadbalancing:Describe*",
    "autoscaling:Describe*",
    "cloudwatch:Describe*",
    "cloudwatch:Get*",
    "cloudwatch:List*",
    "sns:Get*",
    "sns:List*",
    "cloudformation:Describe*",
    "cloudformation:Get*",
    "cloudformation:List*",
    "cloudformation:ValidateTemplate",
    "cloudformation:DetectStack*",
    "cloudtrail:LookupEvents"
);

pub const MANAGED: &[ManagedPolicy] = &[
    ManagedPolicy {
        name: "AdministratorAccess",
        path: "/",
        id: "ANPAIWMBCKSKIEE64ZLYK",
        description: "Provides full access to AWS services and resources.",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
    },
    ManagedPolicy {
        name: "PowerUserAccess",
        path: "/",
        id: "ANPAJYRXTHIB4FOVS3ZXS",
        description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
        document: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}"#,
    },
    ManagedPolicy {
        name: "ReadOnlyAccess",
        path: "/",
        id: "ANPAILL3HVNFSB6DCOWYQ",
        description: "Provides read-only access to AWS services and resources.",
        document: READ_ONLY,
    },
    ManagedPolicy {
        name: "IAMFullAccess",
        path: "/",
        id: "ANPAI7XKCFMBPM3QQRRVQ",
        description: "Provides full access to IAM via the AWS Management Console.",
        document: allow!("iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:ListAccounts"),
    },
    ManagedPolicy {
        name: "IAMReadOnlyAccess",
        path: "/",
        id: "ANPAJKSO7NDY4T57MWDSQ",
        description: "Provides read only access to IAM via the AWS Management Console.",
        document: allow!("iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails", "iam:Get*", "iam:List*", "iam:SimulateCustomPolicy", "iam:SimulatePrincipalPolicy"),
    },
    ManagedPolicy {
        name: "AmazonEC2FullAccess",
        path: "/",
        id: "ANPAI3VAJF5ZCRZ7MCQE6",
        description: "Provides full access to Amazon EC2 via the AWS Management Console.",
        document: allow!("ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*", "iam:CreateServiceLinkedRole"),
    },
    ManagedPolicy {
        name: "AmazonEC2ReadOnlyAccess",
        path: "/",
        id: "ANPAIGDT4SV4GSETWTBZK",
        description: "Provides read only access to Amazon EC2 via the AWS Management Console.",
        document: allow!("ec2:Describe*", "elasticloadbalancing:Describe*", "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*", "autoscaling:Describe*"),
    },
    ManagedPolicy {
        name: "ElasticLoadBalancingFullAccess",
        path: "/",
        id: "ANPAIDPMLA3IUIOQCISJ4",
        description: "Provides full access to Amazon ElasticLoadBalancing, and limited access to other services necessary to provide ElasticLoadBalancing features.",
        document: allow!("elasticloadbalancing:*", "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeInternetGateways", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "cloudwatch:DescribeAlarms", "iam:ListServerCertificates", "iam:GetServerCertificate"),
    },
    ManagedPolicy {
        name: "ElasticLoadBalancingReadOnly",
        path: "/",
        id: "ANPAJMO7B7SNFLKPUL4VO",
        description: "Provides read only access to Amazon ElasticLoadBalancing and dependent services",
        document: allow!("elasticloadbalancing:Describe*", "ec2:DescribeInstances", "ec2:DescribeClassicLinkInstances", "ec2:DescribeSecurityGroups"),
    },
    ManagedPolicy {
        name: "AutoScalingFullAccess",
        path: "/",
        id: "ANPAIAWRCSJDDXDXGPCFU",
        description: "Provides full access to Auto Scaling.",
        document: allow!("autoscaling:*", "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "ec2:Describe*", "elasticloadbalancing:Describe*", "sns:ListTopics", "iam:ListRoles", "iam:PassRole", "iam:CreateServiceLinkedRole"),
    },
    ManagedPolicy {
        name: "AutoScalingReadOnlyAccess",
        path: "/",
        id: "ANPAIAFWUVLC2LPLSFTFG",
        description: "Provides read-only access to Auto Scaling.",
        document: allow!("autoscaling:Describe*"),
    },
    ManagedPolicy {
        name: "CloudWatchFullAccess",
        path: "/",
        id: "ANPAIKEABORKUXN6DEAZU",
        description: "Provides full access to CloudWatch.",
        document: allow!("autoscaling:Describe*", "cloudwatch:*", "logs:*", "sns:*", "iam:GetPolicy", "iam:GetPolicyVersion", "iam:GetRole"),
    },
    ManagedPolicy {
        name: "CloudWatchReadOnlyAccess",
        path: "/",
        id: "ANPAJN23PDQP7SZQAE3QE",
        description: "Provides read only access to CloudWatch.",
        document: allow!("autoscaling:Describe*", "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "logs:Get*", "logs:List*", "logs:Describe*", "sns:Get*", "sns:List*"),
    },
    ManagedPolicy {
        name: "AmazonSNSFullAccess",
        path: "/",
        id: "ANPAJWEKLCXXUNT2SOLSG",
        description: "Provides full access to Amazon SNS via the AWS Management Console.",
        document: allow!("sns:*"),
    },
    ManagedPolicy {
        name: "AmazonSNSReadOnlyAccess",
        path: "/",
        id: "ANPAIZGQCQTFOFPMHSB6W",
        description: "Provides read only access to Amazon SNS via the AWS Management Console.",
        document: allow!("sns:GetTopicAttributes", "sns:List*"),
    },
    ManagedPolicy {
        name: "AWSCloudFormationFullAccess",
        path: "/",
        id: "ANPAJB6NKZBWS4ZXAWDZG",
        description: "Provides full access to AWS CloudFormation.",
        document: allow!("cloudformation:*"),
    },
    ManagedPolicy {
        name: "AWSCloudFormationReadOnlyAccess",
        path: "/",
        id: "ANPAJWVBEE4I2POWLODLW",
        description: "Provides access to AWS CloudFormation via the AWS Management Console.",
        document: allow!("cloudformation:Describe*", "cloudformation:EstimateTemplateCost", "cloudformation:Get*", "cloudformation:List*", "cloudformation:ValidateTemplate", "cloudformation:Detect*"),
    },
];

pub fn by_arn(arn: &str) -> Option<&'static ManagedPolicy> {
    MANAGED.iter().find(|p| p.arn() == arn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_managed_document_is_a_valid_identity_policy() {
        for p in MANAGED {
            let doc = policy::PolicyDocument::parse(p.document).unwrap_or_else(|e| panic!("{}: {e}", p.name));
            doc.validate_identity_policy().unwrap_or_else(|e| panic!("{}: {e}", p.name));
            assert_eq!(p.id.len(), 21, "{}", p.name);
        }
        assert!(by_arn("arn:aws:iam::aws:policy/AdministratorAccess").is_some());
    }
}
