#!/usr/bin/env python3
"""Write the seed corpora under fuzz/seeds/<target>/ (run from anywhere; stdlib only).

query_request / json_cbor_request inputs start with 3 bytes: the service model index into
MODELS (as in fuzz_targets/common.rs) and the big-endian u16 index of the operation among the
model's operation names sorted bytewise. sigv4_request inputs start with a flags byte and an
i8 of minutes (see fuzz_targets/sigv4_request.rs).
"""
import hashlib
import hmac
import json
import os
import struct
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.join(HERE, "..", "..", "crates", "wire", "models")
MODELS = ["iam", "sts", "ec2", "elbv2", "elb", "autoscaling", "sns", "cloudformation", "cloudwatch"]


def prefix(model, op):
    with open(os.path.join(MODELS_DIR, model + ".json")) as f:
        ops = sorted(json.load(f)["operations"])
    return bytes([MODELS.index(model)]) + struct.pack(">H", ops.index(op))


def write(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# --- minimal CBOR encoder (enough for seeds) ---------------------------------------------
def _head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | ai]) + struct.pack(fmt, n)
    raise ValueError(n)


class Tag:
    def __init__(self, tag, value):
        self.tag, self.value = tag, value


def cbor(v):
    if v is None:
        return b"\xf6"
    if v is True:
        return b"\xf5"
    if v is False:
        return b"\xf4"
    if isinstance(v, Tag):
        return _head(6, v.tag) + cbor(v.value)
    if isinstance(v, int):
        return _head(0, v) if v >= 0 else _head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, bytes):
        return _head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return _head(3, len(b)) + b
    if isinstance(v, list):
        return _head(4, len(v)) + b"".join(cbor(i) for i in v)
    if isinstance(v, dict):
        return _head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)


# --- query_request -------------------------------------------------------------------------
QUERY = [
    ("iam", "CreateUser", "Action=CreateUser&Version=2010-05-08&UserName=bob&Path=%2Fops%2F"
     "&Tags.member.1.Key=a&Tags.member.1.Value=b&Tags.member.2.Key=team&Tags.member.2.Value=web"),
    ("iam", "ListUsers", "Action=ListUsers&Version=2010-05-08&MaxItems=10&PathPrefix=%2F"),
    ("iam", "PutUserPolicy", "Action=PutUserPolicy&Version=2010-05-08&UserName=bob&PolicyName=p"
     "&PolicyDocument=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A"
     "%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"),
    ("sts", "GetCallerIdentity", "Action=GetCallerIdentity&Version=2011-06-15\n"
     "X-Amz-Algorithm=AWS4-HMAC-SHA256"),
    ("sts", "AssumeRole", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012"
     "%3Arole%2Fdemo&RoleSessionName=s1&DurationSeconds=3600&Tags.member.1.Key=k&Tags.member.1.Value=v"
     "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&TransitiveTagKeys.member.1=k"),
    ("ec2", "DescribeInstances", "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-2"
     "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&DryRun=true&MaxResults=5"),
    ("ec2", "RunInstances", "Action=RunInstances&Version=2016-11-15&ImageId=ami-12345678&MinCount=1&MaxCount=2"
     "&InstanceType=t3.micro&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name"
     "&TagSpecification.1.Tag.1.Value=web&SecurityGroupId.1=sg-1&Placement.AvailabilityZone=us-east-1a"
     "&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fsda1&BlockDeviceMapping.1.Ebs.VolumeSize=8"),
    ("cloudwatch", "PutMetricData", "Action=PutMetricData&Version=2010-08-01&Namespace=App"
     "&MetricData.member.1.MetricName=Hits&MetricData.member.1.Value=1.5"
     "&MetricData.member.1.Timestamp=2026-11-28T08%3A53%3A59Z&MetricData.member.1.Dimensions.member.1.Name=Host"
     "&MetricData.member.1.Dimensions.member.1.Value=a&MetricData.member.1.Unit=Count"),
    ("cloudwatch", "GetMetricStatistics", "Action=GetMetricStatistics&Version=2010-08-01&Namespace=App"
     "&MetricName=Hits&StartTime=1795856039&EndTime=2026-11-28T09%3A00%3A00.500Z&Period=60"
     "&Statistics.member.1=Sum&Statistics.member.2=Average"),
    ("sns", "CreateTopic", "Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.key=DisplayName"
     "&Attributes.entry.1.value=x&Tags.member.1.Key=a&Tags.member.1.Value=b"),
    ("cloudformation", "CreateStack", "Action=CreateStack&Version=2010-05-15&StackName=s"
     "&TemplateBody=%7B%7D&Parameters.member.1.ParameterKey=K&Parameters.member.1.ParameterValue=V"
     "&Capabilities.member.1=CAPABILITY_IAM&TimeoutInMinutes=5&DisableRollback=false"),
    ("elbv2", "CreateLoadBalancer", "Action=CreateLoadBalancer&Version=2015-12-01&Name=lb"
     "&Subnets.member.1=subnet-1&Subnets.member.2=subnet-2&Scheme=internal&Type=application"),
    ("autoscaling", "CreateAutoScalingGroup", "Action=CreateAutoScalingGroup&Version=2011-01-01"
     "&AutoScalingGroupName=g&MinSize=1&MaxSize=3&LaunchTemplate.LaunchTemplateId=lt-1"
     "&AvailabilityZones.member.1=us-east-1a&Tags.member.1.Key=k&Tags.member.1.Value=v"
     "&Tags.member.1.PropagateAtLaunch=true"),
    ("elb", "CreateLoadBalancer", "Action=CreateLoadBalancer&Version=2012-06-01&LoadBalancerName=lb"
     "&Listeners.member.1.Protocol=HTTP&Listeners.member.1.LoadBalancerPort=80"
     "&Listeners.member.1.InstancePort=8080&AvailabilityZones.member.1=us-east-1a"),
]

# --- json_cbor_request ---------------------------------------------------------------------
JSON = [
    ("cloudwatch", "PutMetricData", {"Namespace": "KG", "MetricData": [{"MetricName": "Hits", "Value": 1.5,
     "Timestamp": "2026-11-28T08:53:59Z", "Dimensions": [{"Name": "Host", "Value": "a"}],
     "Values": [1.0, 2.0], "Counts": [1, 2], "StorageResolution": 1}], "Junk": 1}),
    ("cloudwatch", "GetMetricData", {"MetricDataQueries": [{"Id": "m1", "MetricStat": {"Metric": {
     "Namespace": "KG", "MetricName": "Hits"}, "Period": 60, "Stat": "Sum"}, "ReturnData": True}],
     "StartTime": 1795856039, "EndTime": "2026-11-28T09:00:00.5Z", "MaxDatapoints": 100}),
    ("cloudwatch", "PutMetricAlarm", {"AlarmName": "a", "MetricName": "Hits", "Namespace": "KG",
     "Statistic": "Sum", "Period": 60, "EvaluationPeriods": 1, "Threshold": 10,
     "ComparisonOperator": "GreaterThanThreshold", "Dimensions": [{"Name": "Host", "Value": "a"}],
     "AlarmActions": ["arn:aws:sns:us-east-1:123456789012:t"], "Tags": [{"Key": "k", "Value": "v"}]}),
    ("cloudwatch", "ListMetrics", {"Namespace": "KG", "NextToken": None}),
    ("sns", "CreateTopic", {"Name": "t", "Attributes": {"DisplayName": "x"}}),
    ("iam", "CreateUser", {"UserName": "bob", "Tags": [{"Key": "a", "Value": "b"}]}),
    ("ec2", "DescribeInstances", {"InstanceIds": ["i-1"], "DryRun": False, "MaxResults": 5}),
]
CBOR = [
    ("cloudwatch", "PutMetricData", {"Namespace": "KG", "MetricData": [{"MetricName": "Hits", "Value": 1.5,
     "Timestamp": Tag(1, 1795856039.0), "Dimensions": [{"Name": "Host", "Value": "a"}]}]}),
    ("cloudwatch", "ListMetrics", {"Namespace": "KG", "Dimensions": [{"Name": "Host"}], "RecentlyActive": "PT3H"}),
    ("cloudwatch", "GetMetricStatistics", {"Namespace": "KG", "MetricName": "Hits",
     "StartTime": Tag(1, 1795856039), "EndTime": Tag(1, 1795859639.25), "Period": 60,
     "Statistics": ["Sum"], "ExtendedStatistics": ["p99"]}),
    ("iam", "CreateUser", {"UserName": "bob", "Path": "/", "PermissionsBoundary": None}),
]


# --- sigv4_request -------------------------------------------------------------------------
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # the fuzz target's secret (AWS's doc example)


def sign(method, path, query, headers, body, date, region="us-east-1", service="sts"):
    """SigV4 as botocore does it for non-S3 services (path already normalized here)."""
    names = sorted({k.lower() for k, _ in headers})
    canon_headers = "".join(f"{n}:{','.join(' '.join(v.split()) for k, v in headers if k.lower() == n)}\n"
                            for n in names)
    pairs = sorted(tuple(p.split("=", 1)) for p in query.split("&") if p)
    canon_query = "&".join(f"{k}={v}" for k, v in pairs)
    creq = "\n".join([method, quote(path, safe="/~"), canon_query, canon_headers, ";".join(names),
                      hashlib.sha256(body).hexdigest()])
    scope = f"{date[:8]}/{region}/{service}/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", date, scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + SECRET).encode()
    for part in (date[:8], region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    return (f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, SignedHeaders={';'.join(names)}, "
            f"Signature={sig}")


def http(flags, minutes, method, target, headers, body=b""):
    head = "\n".join([method, target] + [f"{k}: {v}" for k, v in headers])
    return bytes([flags, minutes & 0xFF]) + head.encode() + b"\n\n" + body


def sigv4_seeds():
    date = "20150830T123600Z"
    body = b"Action=GetCallerIdentity&Version=2011-06-15"
    hs = [("Host", "sts.amazonaws.com"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
          ("X-Amz-Date", date)]
    yield "signed_post", http(0, 3, "POST", "/", hs + [("Authorization", sign("POST", "/", "", hs, body, date))], body)

    q = "Action=ListUsers&Version=2010-05-08"
    hs = [("host", "iam.amazonaws.com"), ("x-amz-date", date), ("x-amz-security-token", "FwoGZXIvYXdzEXAMPLE")]
    yield "signed_get_query", http(0, -5, "GET", "/?" + q, hs + [("Authorization", sign("GET", "/", q, hs, b"", date, service="iam"))])

    presigned = ("Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                 "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
                 "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host"
                 "&X-Amz-Security-Token=tok%2Ben%3D&X-Amz-Signature=" + "ab" * 32)
    yield "presigned", http(0, 1, "GET", "/?" + presigned, [("Host", "sts.amazonaws.com")])

    hs = [("Host", "sts.amazonaws.com"), ("Date", "Sun, 30 Aug 2015 12:36:00 GMT"),
          ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
           "SignedHeaders=date;host, Signature=" + "0" * 64)]
    yield "date_header", http(0, 0, "POST", "/", hs, body)

    hs = [("Host", "monitoring.us-east-1.amazonaws.com"), ("X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics"),
          ("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Date", date),
          ("x-amz-content-sha256", hashlib.sha256(b"{}").hexdigest())]
    yield "json_target", http(0, 0, "POST", "/", hs + [("Authorization", sign("POST", "/", "", hs, b"{}", date, service="monitoring"))], b"{}")

    hs = [("host", "monitoring.us-east-1.amazonaws.com"), ("smithy-protocol", "rpc-v2-cbor"),
          ("x-amz-date", date), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD")]
    yield "cbor_s3", http(0x80, 0, "POST", "/service/GraniteServiceVersion20100801/operation/ListMetrics",
                          hs + [("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request,"
                                 "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=" + "f" * 64)], b"\xa0")

    yield "bad_algorithm", http(0, 0, "GET", "/a/./b/../c//d?b=2&a=%7e&a=x+y",
                                [("Host", "h"), ("Authorization", "AWS4-HMAC-SHA1 Credential=x"), ("X-Amz-Date", date)])


def main():
    for i, (m, op, text) in enumerate(QUERY):
        write("query_request", f"{i:02}_{m}_{op}", prefix(m, op) + text.encode())
    for i, (m, op, doc) in enumerate(JSON):
        write("json_cbor_request", f"json_{i:02}_{m}_{op}", prefix(m, op) + json.dumps(doc).encode())
    for i, (m, op, doc) in enumerate(CBOR):
        write("json_cbor_request", f"cbor_{i:02}_{m}_{op}", prefix(m, op) + cbor(doc))
    for name, data in sigv4_seeds():
        write("sigv4_request", name, data)


if __name__ == "__main__":
    main()
