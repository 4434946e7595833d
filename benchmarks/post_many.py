"""Post N assessments to a running app (used by bench.py to measure memory growth)."""

import json
import sys
import urllib.request

url, count = sys.argv[1], int(sys.argv[2])
body = json.dumps({"answers": {"locations": ["calf"], "age": 30}}).encode()
for _ in range(count):
    request = urllib.request.Request(url + "/api/assessments", data=body, headers={"content-type": "application/json"})
    urllib.request.urlopen(request).close()
