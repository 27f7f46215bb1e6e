#!/usr/bin/env python3
"""Test data for the webhook benchmark: number mappings, signed Twilio requests, and a pre-flight check.

  webhook_requests.py mappings --count N --clients C --out FILE
      FILE gets one "e164,clientName" line per mapping: +8150 numbers (050, Japanese IP phones), each
      mapped to one of C clients. The C++ seeder and the Node.js baseline both load this file, so both
      servers route from the same table.
  webhook_requests.py requests --mappings FILE --url URL --count N --prefix P --out FILE
      FILE gets one "signature<TAB>form body" line per request: what Twilio POSTs for a call coming in
      (the seed's parameter set), each with its own CallSid, To spread over the mapped numbers, about
      one in 50 to a number nobody has mapped, signed for URL with TWILIO_AUTH_TOKEN.
  webhook_requests.py check --base http://127.0.0.1:PORT --url URL --mappings FILE --name NAME
      Sends a few signed requests and one badly signed one; exits 1 unless the answers are 200 with the
      exact TwiML expected and 403.

The signature is X-Twilio-Signature as TWILIO.md describes it: base64(HMAC-SHA1(auth token, URL +
each parameter name and value, names sorted)).
"""

import argparse
import base64
import hashlib
import hmac
import os
import random
import sys
import urllib.error
import urllib.parse
import urllib.request

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
NOT_IN_SERVICE = "The number you have called is not in service. Goodbye."
UNMAPPED_EVERY = 50  # one request in this many calls a number nobody has mapped


def mapped_number(index):
    # 050 numbers take eight digits after "50", the first not 0: +8150 2000 0000 onwards.
    return "+8150%08d" % (20000000 + index)


def unmapped_number(index):
    return "+8150%08d" % (90000000 + index)


def national(e164):
    return "0" + e164[3:]


def signature(auth_token, url, params):
    data = url + "".join(name + value for name, value in sorted(params.items()))
    digest = hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def incoming_call(rng, call_sid, to):
    caller = "+8190%08d" % rng.randrange(10000000, 100000000)
    return {
        "AccountSid": "AC" + "3" * 32,
        "ApiVersion": "2010-04-01",
        "Called": to,
        "CalledCity": "",
        "CalledCountry": "JP",
        "CalledState": "",
        "CalledVia": national(to),
        "CalledZip": "",
        "Caller": caller,
        "CallerCity": "",
        "CallerCountry": "JP",
        "CallerState": "",
        "CallerZip": "",
        "CallSid": call_sid,
        "CallStatus": "ringing",
        "Direction": "inbound",
        "ForwardedFrom": national(to),
        "From": caller,
        "FromCity": "",
        "FromCountry": "JP",
        "FromState": "",
        "FromZip": "",
        "To": to,
        "ToCity": "",
        "ToCountry": "JP",
        "ToState": "",
        "ToZip": "",
    }


def expected_twiml(client):
    if client is None:
        return (XML_DECLARATION + '<Response><Say language="en-US">' + NOT_IN_SERVICE
                + "</Say><Hangup/></Response>")
    return (XML_DECLARATION + '<Response><Dial timeout="60" action="/voice/dial-complete"><Client>'
            + client + "</Client></Dial></Response>")


def read_mappings(path):
    with open(path, encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split(",", 1)) for line in f if line.strip()]


def auth_token():
    token = os.environ.get("TWILIO_AUTH_TOKEN", "")
    if not token:
        sys.exit("webhook_requests.py: TWILIO_AUTH_TOKEN is not set")
    return token


def write_mappings(args):
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.count):
            f.write("%s,bench_client_%04d\n" % (mapped_number(i), i % args.clients))


def write_requests(args):
    token = auth_token()
    numbers = [e164 for e164, _ in read_mappings(args.mappings)]
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.count):
            if i % UNMAPPED_EVERY == UNMAPPED_EVERY - 1:
                to = unmapped_number(rng.randrange(1000))
            else:
                to = rng.choice(numbers)
            call_sid = "CA%s%08x%023x" % (args.prefix, i, rng.getrandbits(92))
            params = incoming_call(rng, call_sid, to)
            f.write(signature(token, args.url, params) + "\t" + urllib.parse.urlencode(params) + "\n")


def post(base, path, params, sig):
    request = urllib.request.Request(base + path, data=urllib.parse.urlencode(params).encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "X-Twilio-Signature": sig})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def check(args):
    token = auth_token()
    mappings = read_mappings(args.mappings)
    rng = random.Random(7)
    cases = [(e164, client) for e164, client in (mappings[0], mappings[len(mappings) // 2], mappings[-1])]
    cases.append((unmapped_number(999), None))
    failures = 0
    for i, (to, client) in enumerate(cases):
        params = incoming_call(rng, "CA%032x" % (0xc0ffee0000 + i), to)
        status, body = post(args.base, "/voice/incoming", params, signature(token, args.url, params))
        if status != 200 or body != expected_twiml(client):
            failures += 1
            print("%s: signed request to %s: HTTP %d, expected 200\n  got:      %s\n  expected: %s"
                  % (args.name, to, status, body, expected_twiml(client)), file=sys.stderr)
    params = incoming_call(rng, "CA%032x" % 0xbadbad, mappings[0][0])
    bad = signature(token + "x", args.url, params)
    status, body = post(args.base, "/voice/incoming", params, bad)
    if status != 403:
        failures += 1
        print("%s: badly signed request: HTTP %d, expected 403: %s" % (args.name, status, body), file=sys.stderr)
    if failures:
        sys.exit(1)
    print("%s: signed requests answer 200 with the expected TwiML, a bad signature 403" % args.name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("mappings")
    m.add_argument("--count", type=int, required=True)
    m.add_argument("--clients", type=int, required=True)
    m.add_argument("--out", required=True)
    r = sub.add_parser("requests")
    r.add_argument("--mappings", required=True)
    r.add_argument("--url", required=True, help="the full public URL Twilio signs, path included")
    r.add_argument("--count", type=int, required=True)
    r.add_argument("--prefix", default="0", help="one hex digit that keeps CallSids of different files apart")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--out", required=True)
    c = sub.add_parser("check")
    c.add_argument("--base", required=True)
    c.add_argument("--url", required=True)
    c.add_argument("--mappings", required=True)
    c.add_argument("--name", required=True)
    args = parser.parse_args()
    {"mappings": write_mappings, "requests": write_requests, "check": check}[args.command](args)


if __name__ == "__main__":
    main()
