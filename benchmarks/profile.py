#!/usr/bin/env python3
"""Summarises the round-trip JFR recordings written by `Quick quick profile`.

For each side (chatwire, raw): execution samples per thread (which threads do the work) and the
inclusive share of the frames that matter (engine, transport, OkHttp, JDK concurrency), and the
sampled allocation by class and by the first chatwire/OkHttp frame. Uses only the JDK's `jfr`
tool and the Python standard library.

    python3 benchmarks/profile.py [benchmarks/results]
"""
import collections
import json
import os
import re
import subprocess
import sys

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join("benchmarks", "results")


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", name, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    res = []
    for f in st.get("frames", []):
        m = f["method"]
        res.append(m["type"]["name"].replace("/", ".") + "." + m["name"])
    return res


def thread_group(ev):
    t = ev["values"].get("sampledThread") or ev["values"].get("eventThread") or {}
    name = t.get("javaName") or t.get("osName") or "?"
    return re.sub(r"[-# ]?\d+$", "", re.sub(r"\d+", "N", name))


INTEREST = [
    ("chatwire engine (ManagedConnection, PendingRequests)", r"io\.github\.chatwire\.core\.(connection|internal)\."),
    ("chatwire transport (OkHttpWebSocketTransport)", r"io\.github\.chatwire\.core\.transport\."),
    ("chatwire scheduler/time", r"io\.github\.chatwire\.core\.time\."),
    ("CompletableFuture", r"java\.util\.concurrent\.CompletableFuture"),
    ("locks/park/unpark", r"(LockSupport|AbstractQueuedSynchronizer|Unsafe\.(un)?park)"),
    ("ScheduledThreadPoolExecutor", r"ScheduledThreadPoolExecutor"),
    ("OkHttp WebSocket reader/writer", r"okhttp3\.internal\.ws\."),
    ("socket I/O", r"(SocketDispatcher|NioSocketImpl|SocketInputStream|SocketOutputStream|okio\.)"),
]


def summarise(side):
    path = os.path.join(DIR, "profile-%s.jfr" % side)
    if not os.path.exists(path):
        return None
    ex = events(path, "jdk.ExecutionSample")
    total = len(ex)
    by_thread = collections.Counter(thread_group(e) for e in ex)
    incl = collections.Counter()
    top = collections.Counter()
    for e in ex:
        fs = frames(e)
        if fs:
            top[fs[0]] += 1
        for label, rx in INTEREST:
            if any(re.search(rx, f) for f in fs):
                incl[label] += 1
    al = events(path, "jdk.ObjectAllocationSample")
    by_class = collections.Counter()
    by_site = collections.Counter()
    for e in al:
        w = e["values"].get("weight", 0)
        cls = e["values"]["objectClass"]["name"].replace("/", ".")
        by_class[cls] += w
        site = next((f for f in frames(e) if f.startswith(("io.github.chatwire", "okhttp3", "okio"))
                     and not f.startswith("io.github.chatwire.benchmarks")), "(JDK or benchmark code only)")
        by_site[site] += w
    return total, by_thread, incl, top, by_class, by_site


def main():
    for side in ("chatwire", "raw"):
        s = summarise(side)
        if s is None:
            print("no recording for", side)
            continue
        total, by_thread, incl, top, by_class, by_site = s
        print("== %s: %d execution samples" % (side, total))
        print("  by thread:")
        for k, v in by_thread.most_common(8):
            print("    %5.1f%%  %s" % (100.0 * v / max(total, 1), k))
        print("  inclusive:")
        for label, _ in INTEREST:
            print("    %5.1f%%  %s" % (100.0 * incl[label] / max(total, 1), label))
        print("  top frames:")
        for k, v in top.most_common(10):
            print("    %5.1f%%  %s" % (100.0 * v / max(total, 1), k))
        wt = sum(by_class.values()) or 1
        print("  sampled allocation by class:")
        for k, v in by_class.most_common(10):
            print("    %5.1f%%  %s" % (100.0 * v / wt, k))
        print("  sampled allocation by first chatwire/OkHttp frame:")
        for k, v in by_site.most_common(10):
            print("    %5.1f%%  %s" % (100.0 * v / wt, k))


if __name__ == "__main__":
    main()
