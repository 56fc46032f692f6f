#!/usr/bin/env python3
"""Extract the parts of botocore's service models that homeground's wire layer needs.

Reads botocore's installed `data/<service>/<version>/service-2.json(.gz)` and writes a compact
copy (no documentation, no examples) to `crates/wire/models/<service>.json`. The output is
committed, so building homeground needs no Python; re-run this after upgrading botocore:

    python3 tools/gen_models.py
"""
import gzip
import json
import os
import sys

SERVICES = ["iam", "sts", "ec2", "elbv2", "elb", "autoscaling", "sns", "cloudformation", "cloudwatch",
            "secretsmanager", "ssm", "rds", "sqs", "ce"]
META_KEYS = ["protocol", "protocols", "apiVersion", "xmlNamespace", "targetPrefix", "jsonVersion",
             "signingName", "endpointPrefix", "serviceId", "awsQueryCompatible"]
OP_KEYS = ["input", "output", "errors"]
SHAPE_KEYS = ["type", "members", "required", "member", "key", "value", "flattened", "min", "max",
              "pattern", "enum", "error", "exception", "timestampFormat", "locationName",
              "union", "document"]
MEMBER_KEYS = ["shape", "locationName", "queryName", "flattened", "xmlNamespace", "xmlAttribute"]


# Deliberate departures from AWS's constraints, kept here so the models stay reproducible.
# A home region can afford health checks shorter than AWS's 5 s minimum interval (issue 4);
# botocore's own client-side validation still applies AWS's range unless a client turns it off.
OVERRIDES = {
    # SQS moved from awsQuery to JSON keeping its query error codes, which its model no longer
    # records (botocore reads them from the x-amzn-query-error header). They are AWS's, from the
    # SQS API reference; the wire layer sends them in that header for the shapes named here.
    "sqs": {
        # An unknown queue attribute is SQS's InvalidAttributeName ("Unknown Attribute X."),
        # which the service answers itself, not a ValidationError from the enum.
        "QueueAttributeName": {"enum": []},
        "QueueDoesNotExist": {"error": {"code": "AWS.SimpleQueueService.NonExistentQueue", "httpStatusCode": 400, "senderFault": True}},
        "QueueNameExists": {"error": {"code": "QueueAlreadyExists", "httpStatusCode": 400, "senderFault": True}},
        "QueueDeletedRecently": {"error": {"code": "AWS.SimpleQueueService.QueueDeletedRecently", "httpStatusCode": 400, "senderFault": True}},
        "BatchEntryIdsNotDistinct": {"error": {"code": "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "httpStatusCode": 400, "senderFault": True}},
        "BatchRequestTooLong": {"error": {"code": "AWS.SimpleQueueService.BatchRequestTooLong", "httpStatusCode": 400, "senderFault": True}},
        "EmptyBatchRequest": {"error": {"code": "AWS.SimpleQueueService.EmptyBatchRequest", "httpStatusCode": 400, "senderFault": True}},
        "InvalidBatchEntryId": {"error": {"code": "AWS.SimpleQueueService.InvalidBatchEntryId", "httpStatusCode": 400, "senderFault": True}},
        "TooManyEntriesInBatchRequest": {"error": {"code": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "httpStatusCode": 400, "senderFault": True}},
        "MessageNotInflight": {"error": {"code": "AWS.SimpleQueueService.MessageNotInflight", "httpStatusCode": 400, "senderFault": True}},
        "PurgeQueueInProgress": {"error": {"code": "AWS.SimpleQueueService.PurgeQueueInProgress", "httpStatusCode": 400, "senderFault": True}},
        "UnsupportedOperation": {"error": {"code": "AWS.SimpleQueueService.UnsupportedOperation", "httpStatusCode": 400, "senderFault": True}},
    },
    # Cost Explorer answers a bad granularity, metric, dimension or date with its own
    # ValidationException and wording, which the service gives (crates/costexplorer).
    "ce": {
        "Granularity": {"enum": []},
        "Metric": {"enum": []},
        "Dimension": {"enum": []},
        "GroupDefinitionType": {"enum": []},
        "YearMonthDay": {"pattern": "[\\S\\s]*"},
    },
    "elbv2": {
        "HealthCheckIntervalSeconds": {"min": 1},
        "HealthCheckTimeoutSeconds": {"min": 1},
    },
}


def load(service):
    import botocore
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(os.listdir(base))[-1]
    for name in ("service-2.json", "service-2.json.gz"):
        path = os.path.join(base, version, name)
        if os.path.exists(path):
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                return json.load(f)
    raise SystemExit(f"no model for {service}")


def ref(r):
    return {k: r[k] for k in MEMBER_KEYS if k in r}


def strip(model):
    out = {"metadata": {k: model["metadata"][k] for k in META_KEYS if k in model["metadata"]},
           "operations": {}, "shapes": {}}
    for name, op in model["operations"].items():
        o = {}
        if "input" in op:
            o["input"] = op["input"]["shape"]
        if "output" in op:
            o["output"] = op["output"]["shape"]
            if "resultWrapper" in op["output"]:
                o["resultWrapper"] = op["output"]["resultWrapper"]
        if op.get("errors"):
            o["errors"] = [e["shape"] for e in op["errors"]]
        out["operations"][name] = o
    for name, shape in model["shapes"].items():
        s = {k: shape[k] for k in SHAPE_KEYS if k in shape}
        if "members" in s:
            s["members"] = {m: ref(r) for m, r in s["members"].items()}
        for k in ("member", "key", "value"):
            if k in s:
                s[k] = ref(s[k])
        out["shapes"][name] = s
    return out


def main():
    dest = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "wire", "models")
    os.makedirs(dest, exist_ok=True)
    for service in sys.argv[1:] or SERVICES:
        model = strip(load(service))
        for shape, changes in OVERRIDES.get(service, {}).items():
            model["shapes"][shape].update(changes)
        with open(os.path.join(dest, f"{service}.json"), "w", encoding="utf-8") as f:
            json.dump(model, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
