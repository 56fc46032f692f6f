#!/usr/bin/env python3
"""Signs requests with REAL botocore and prints them as JSON for
tests/botocore.rs: each case is the request as it goes on the wire (method,
raw path, raw query, headers incl. Host, hex body) plus what the Rust side
should expect. Exits non-zero if botocore is missing."""

import hashlib
import json
import sys
from urllib.parse import urlsplit

try:
    import botocore
    from botocore.auth import (
        S3SigV4Auth,
        S3SigV4QueryAuth,
        SigV4Auth,
        SigV4QueryAuth,
    )
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    from botocore.utils import percent_encode_sequence
except ImportError as e:  # fail loudly, never skip
    sys.exit(f"botocore is required for this test: {e}")

AK = "AKIDEXAMPLE"
SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEJr//////////wEaDO+/abc+def/ghi=="
CREDS = Credentials(AK, SK)
TCREDS = Credentials(AK, SK, TOKEN)
FORM = "application/x-www-form-urlencoded; charset=utf-8"
STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15"

cases = []


def emit(name, signer, req, service, region="us-east-1", token=None, expires=None):
    signer.add_auth(req)
    p = req.prepare()
    u = urlsplit(p.url)
    headers = [[str(k), str(v)] for k, v in p.headers.items()]
    if not any(k.lower() == "host" for k, _ in headers):
        headers.insert(0, ["Host", u.netloc])  # what the HTTP client sends
    body = p.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    cases.append(
        {
            "name": name,
            "service": service,
            "region": region,
            "method": p.method,
            "path": u.path,
            "query": u.query,
            "headers": headers,
            "body_hex": body.hex(),
            "token": token,
            "expires": expires,
        }
    )


def req(method, url, data=None, headers=None, params=None):
    return AWSRequest(
        method=method, url=url, data=data, headers=headers or {}, params=params or {}
    )


# 1. Query-protocol POST form body (STS).
emit(
    "sts_form_post",
    SigV4Auth(CREDS, "sts", "us-east-1"),
    req("POST", "https://sts.amazonaws.com/", STS_BODY, {"Content-Type": FORM}),
    "sts",
)

# 2. GET with params: botocore signs the AWS-encoded params while the wire
#    URL is built with urlencode (quote_plus: '+' for spaces, '*' escaped).
params = {
    "Action": "ListUsers",
    "Version": "2010-05-08",
    "PathPrefix": "/a b/\u00fc\u20ac~*!'()",
    "Marker": "x+y=z&w ~",
    "Empty": "",
}
emit(
    "iam_get_params_quote_plus",
    SigV4Auth(CREDS, "iam", "us-east-1"),
    req("GET", "https://iam.amazonaws.com/", params=params),
    "iam",
)

# 3. Same params, URL already AWS-encoded (botocore's query serializer).
emit(
    "iam_get_url_aws_encoded",
    SigV4Auth(CREDS, "iam", "us-east-1"),
    req("GET", "https://iam.amazonaws.com/?" + percent_encode_sequence(params)),
    "iam",
)

# 4. JSON protocol with X-Amz-Target and a UTF-8 body.
body = json.dumps(
    {"Namespace": "app", "MetricData": [{"MetricName": "l\u00e4tenz \u20ac", "Value": 1.5}]},
    ensure_ascii=False,
).encode("utf-8")
emit(
    "json_x_amz_target",
    SigV4Auth(CREDS, "monitoring", "eu-west-1"),
    req(
        "POST",
        "https://monitoring.eu-west-1.amazonaws.com/",
        body,
        {
            "X-Amz-Target": "GraniteServiceVersion20100801.PutMetricData",
            "Content-Type": "application/x-amz-json-1.0",
        },
    ),
    "monitoring",
    region="eu-west-1",
)

# 5. Smithy RPC v2 CBOR path with a binary body.
emit(
    "rpcv2_cbor_path",
    SigV4Auth(CREDS, "monitoring", "us-east-1"),
    req(
        "POST",
        "https://monitoring.us-east-1.amazonaws.com/service/GraniteServiceVersion20100801/operation/PutMetricData",
        bytes(range(256)),
        {"smithy-protocol": "rpc-v2-cbor", "Content-Type": "application/cbor", "Accept": "application/cbor"},
    ),
    "monitoring",
)

# 6. REST path with escaped label: non-S3 services double-encode.
emit(
    "lambda_double_encoded_path",
    SigV4Auth(CREDS, "lambda", "us-east-1"),
    req(
        "POST",
        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
        "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Amy%20fn/invocations",
        b"{}",
        {"Content-Type": "application/json"},
    ),
    "lambda",
)

# 7. Path needing normalization (botocore removes dot and empty segments).
emit(
    "dot_segments_path",
    SigV4Auth(CREDS, "execute-api", "us-east-1"),
    req("GET", "https://api.example.com//a/./b/../c%2Fd//?q=1"),
    "execute-api",
)

# 8. Session token header (signed by botocore).
emit(
    "sts_form_session_token",
    SigV4Auth(TCREDS, "sts", "us-east-1"),
    req("POST", "https://sts.amazonaws.com/", STS_BODY, {"Content-Type": FORM}),
    "sts",
    token=TOKEN,
)

# 9. Explicit x-amz-content-sha256 hex header.
body = b'{"hello": "world"}'
emit(
    "content_sha256_header",
    SigV4Auth(CREDS, "execute-api", "us-east-1"),
    req(
        "PUT",
        "https://api.example.com/items/1",
        body,
        {"Content-Type": "application/json", "X-Amz-Content-SHA256": hashlib.sha256(body).hexdigest()},
    ),
    "execute-api",
)

# 10. UNSIGNED-PAYLOAD (payload signing disabled over https).
r = req("PUT", "https://api.example.com/items/2", b"unsigned body", {"Content-Type": "text/plain"})
r.context["payload_signing_enabled"] = False
emit("unsigned_payload", SigV4Auth(CREDS, "execute-api", "us-east-1"), r, "execute-api")

# 11. Date header instead of X-Amz-Date (botocore rewrites it, RFC 2822).
emit(
    "date_header",
    SigV4Auth(CREDS, "sts", "us-east-1"),
    req("POST", "https://sts.amazonaws.com/", STS_BODY, {"Content-Type": FORM, "Date": "x"}),
    "sts",
)

# 12. Presigned STS GetCallerIdentity with an extra signed header (EKS style).
emit(
    "presign_sts_eks",
    SigV4QueryAuth(CREDS, "sts", "us-east-1", expires=300),
    req(
        "GET",
        "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15",
        headers={"x-k8s-aws-id": "my-cluster"},
    ),
    "sts",
    expires=300,
)

# 13. Presigned with a session token (escaped '/', '+', '=' in the query).
emit(
    "presign_sts_token",
    SigV4QueryAuth(TCREDS, "sts", "us-east-1", expires=900),
    req("GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"),
    "sts",
    token=TOKEN,
    expires=900,
)

# 14. Presigned POST: botocore moves the form body into the query.
emit(
    "presign_post_form",
    SigV4QueryAuth(CREDS, "sts", "us-east-1", expires=60),
    req(
        "POST",
        "https://sts.amazonaws.com/",
        {"Action": "GetCallerIdentity", "Version": "2011-06-15"},
        {"Content-Type": FORM},
    ),
    "sts",
    expires=60,
)

# 15. S3 header auth: single-encoded, unnormalized path, signed body hash.
emit(
    "s3_put_object",
    S3SigV4Auth(CREDS, "s3", "us-east-1"),
    req(
        "PUT",
        "http://bucket.s3.amazonaws.com/dir//my%20file%2B%C3%BC%2A.txt",
        b"hello s3",
        {"Content-Type": "text/plain"},
    ),
    "s3",
)

# 16. S3 presigned GET (UNSIGNED-PAYLOAD).
emit(
    "s3_presign_get",
    S3SigV4QueryAuth(CREDS, "s3", "us-east-1", expires=3600),
    req("GET", "https://bucket.s3.amazonaws.com/a//b%20c.txt?versionId=3%2F4"),
    "s3",
    expires=3600,
)

json.dump({"botocore": botocore.__version__, "access_key": AK, "secret": SK, "cases": cases}, sys.stdout, indent=1)
