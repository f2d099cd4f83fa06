"""Writes payloads.h for fake-sacct.c: 64 distinct stored summaries (JS1: + base64 of gzip JSON, as jobstats stores
them), CPU jobs and, every fourth, a one-GPU job. Figures vary so that no two summaries are the same bytes."""
import base64, gzip, json, sys

GIB = 1024 ** 3
out = ["static const char *payload[] = {"]
for i in range(64):
    node = {"cpus": 4, "total_memory": 8 * GIB, "total_time": 1000 + 137 * i, "used_memory": (1 + i % 7) * GIB // 2}
    gpus = 0
    if i % 4 == 3:
        gpus = 1
        node.update({"gpu_total_memory": {"0": 80 * GIB}, "gpu_used_memory": {"0": (i % 80) * GIB},
                     "gpu_utilization": {"0": float(i % 100) + 0.5}})
    doc = {"gpus": gpus, "nodes": {"node%03d" % i: node}, "total_time": 3600}
    raw = gzip.compress(json.dumps(doc, separators=(",", ":")).encode(), mtime=0)
    out.append('    "JS1:%s",' % base64.b64encode(raw).decode())
out.append("};")
sys.stdout.write("\n".join(out) + "\n")
