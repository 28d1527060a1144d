#!/usr/bin/env python3
"""Draws docs/performance.svg from the TSV that `Quick` writes (standard library only).

    python3 benchmarks/chart.py [benchmarks/results/quick-results.tsv] [docs/performance.svg]

Four panels: the chatwire/baseline ratio of every figure per repetition; round-trip p50 against
payload size; idle heap per connection against the number of connections; the reconnect wave
(clients opening a socket per 100 ms after the server dropped them all).
"""
import collections
import math
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/results/quick-results.tsv"
OUT = sys.argv[2] if len(sys.argv) > 2 else "docs/performance.svg"

rows = []
conditions = ""
with open(SRC, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if line.startswith("# "):
            conditions = line[2:]
            continue
        if not line or line.startswith("section\t"):
            continue
        section, label, side, value, unit = line.split("\t")
        rows.append((section, label, side, float(value), unit))

W, H = 1100, 960
PW, PH = 480, 300
svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">' % (W, H),
       '<rect width="100%" height="100%" fill="white"/>',
       '<text x="20" y="22" font-size="15" font-weight="bold">chatwire vs hand-written baselines, same run, interleaved</text>',
       '<text x="20" y="40" fill="#555555">%s</text>' % conditions.replace("&", "&amp;").replace("<", "&lt;")]
COLORS = {"chatwire": "#c0392b", "raw": "#2c3e50"}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def axes(x0, y0, title, xlabel, ylabel):
    svg.append('<text x="%d" y="%d" font-size="13" font-weight="bold">%s</text>' % (x0, y0 - 12, esc(title)))
    svg.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999999"/>' % (x0, y0, PW, PH))
    svg.append('<text x="%d" y="%d" text-anchor="middle">%s</text>' % (x0 + PW / 2, y0 + PH + 32, esc(xlabel)))
    svg.append('<text x="%d" y="%d" text-anchor="middle" transform="rotate(-90 %d %d)">%s</text>'
               % (x0 - 42, y0 + PH / 2, x0 - 42, y0 + PH / 2, esc(ylabel)))


def nice_step(raw):
    e = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * e:
            return m * e
    return 10 * e


def line_panel(x0, y0, section, title, xlabel, ylabel, logy=True, xfmt=lambda x: "%g" % x):
    pts = collections.defaultdict(list)
    for s, label, side, v, unit in rows:
        if s == section:
            pts[side.split()[0]].append((float(label), v))
    axes(x0, y0, title, xlabel, ylabel)
    if not pts:
        svg.append('<text x="%d" y="%d" fill="#999999">no data</text>' % (x0 + 20, y0 + 30))
        return
    xs = [x for p in pts.values() for x, _ in p]
    ys = [y for p in pts.values() for _, y in p]
    lx0, lx1 = math.log10(min(xs)), math.log10(max(xs))
    if lx1 == lx0:
        lx1 = lx0 + 1
    if logy:
        ly0, ly1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
        fy = lambda v: y0 + PH - (math.log10(v) - ly0) / (ly1 - ly0) * PH
        ticks = [10 ** e for e in range(int(ly0), int(ly1) + 1)]
    else:
        step = nice_step(max(ys) * 1.15 / 5)
        top = step * math.ceil(max(ys) * 1.15 / step)
        fy = lambda v: y0 + PH - v / top * PH
        ticks = [step * i for i in range(int(round(top / step)) + 1)]
    fx = lambda v: x0 + 10 + (math.log10(v) - lx0) / (lx1 - lx0) * (PW - 20)
    for t in ticks:
        svg.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#eeeeee"/>' % (x0, x0 + PW, fy(t), fy(t)))
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (x0 - 4, fy(t) + 4, ("%g" % t)))
    for x in sorted(set(xs)):
        svg.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (fx(x), y0 + PH + 14, xfmt(x)))
    for i, (side, p) in enumerate(sorted(pts.items())):
        p.sort()
        c = COLORS.get(side, "#888888")
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                   % (c, " ".join("%.1f,%.1f" % (fx(x), fy(y)) for x, y in p)))
        for x, y in p:
            svg.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (fx(x), fy(y), c))
        svg.append('<text x="%d" y="%d" fill="%s">%s</text>' % (x0 + 12, y0 + 16 + 14 * i, c, side))


def short(label):
    label = label.split(" (")[0]
    for old, new in (("ping->pong round trip", "round trip"), ("round trip p50, payload ", "echo "),
                     (" each way", ""), ("idle heap per connection at ", "heap @"), ("decode 2 Pongs vs JSON pong", "binary decode"),
                     ("event throughput, 200k message_new", "throughput"), ("Tauri push latency over QUIC", "Tauri push")):
        label = label.replace(old, new)
    return label[:24]


def ratio_panel(x0, y0):
    """Each repetition's ratio, turned so that above 1 always means chatwire is better."""
    by = collections.OrderedDict()
    for s, label, side, v, unit in rows:
        if s == "ratio" and v > 0:
            by.setdefault(label, []).append(v if side == "higher-better" else 1.0 / v)
    axes(x0, y0, "chatwire advantage per repetition (>1: chatwire better)", "", "x (log)")
    if not by:
        return
    vals = [v for vs in by.values() for v in vs] + [1.0]
    lo, hi = math.log10(min(vals) * 0.8), math.log10(max(vals) * 1.25)
    fy = lambda v: y0 + PH - (math.log10(v) - lo) / (hi - lo) * PH
    for t in (0.25, 0.5, 1, 2, 5, 10, 20, 50):
        if lo <= math.log10(t) <= hi:
            svg.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="%s"/>'
                       % (x0, x0 + PW, fy(t), fy(t), "#999999" if t == 1 else "#eeeeee"))
            svg.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (x0 - 4, fy(t) + 4, t))
    n = len(by)
    for i, (label, vs) in enumerate(by.items()):
        x = x0 + (i + 0.5) * PW / n
        for v in vs:
            svg.append('<circle cx="%.1f" cy="%.1f" r="3" fill="#c0392b" fill-opacity="0.7"/>' % (x, fy(v)))
        svg.append('<text x="%.1f" y="%d" text-anchor="end" transform="rotate(-40 %.1f %d)">%s</text>'
                   % (x, y0 + PH + 12, x, y0 + PH + 12, esc(short(label))))


def storm_panel(x0, y0):
    axes(x0, y0, "reconnect wave of 1,000 clients (opens per 100 ms)", "ms after the server dropped them", "clients")
    series = {}
    for s, label, side, v, unit in rows:
        if s.startswith("storm-"):
            series.setdefault(s[6:], []).append((float(label), v))
    if not series:
        return
    xmax = max(x for p in series.values() for x, v in p if v > 0) + 500
    ymax = max(60.0, max(v for p in series.values() for _, v in p) * 1.1)
    fx = lambda v: x0 + v / xmax * PW
    fy = lambda v: y0 + PH - v / ymax * PH
    svg.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#e67e22" stroke-dasharray="4 3"/>' % (x0, x0 + PW, fy(50), fy(50)))
    svg.append('<text x="%d" y="%.1f" fill="#e67e22">5%% target</text>' % (x0 + PW - 70, fy(50) - 4))
    for t in range(0, int(xmax), int(nice_step(xmax / 7))):
        svg.append('<text x="%.1f" y="%d" text-anchor="middle">%d</text>' % (fx(t), y0 + PH + 14, t))
    for t in range(0, int(ymax) + 1, 10):
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (x0 - 4, fy(t) + 4, t))
    colors = {"drop": "#c0392b", "restart": "#2980b9"}
    for i, (name, p) in enumerate(sorted(series.items())):
        p.sort()
        c = colors.get(name, "#888888")
        svg.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>'
                   % (c, " ".join("%.1f,%.1f" % (fx(x), fy(v)) for x, v in p if x <= xmax)))
        svg.append('<text x="%d" y="%d" fill="%s">%s</text>' % (x0 + 12, y0 + 16 + 14 * i, c,
                   "TCP reset, no close frame" if name == "drop" else "close 1012 (service restart)"))


def size_label(x):
    x = int(x)
    return "%d MiB" % (x >> 20) if x >= 1 << 20 else "%d KiB" % (x >> 10) if x >= 1024 else "%d B" % x


ratio_panel(70, 80)
line_panel(610, 80, "size", "round trip p50 by payload size", "payload each way (log)", "µs (log)", xfmt=size_label)
line_panel(70, 600, "connections", "idle heap per connection", "connections (log)", "KiB per connection", logy=False)
storm_panel(610, 600)
svg.append("</svg>")
with open(OUT, "w", encoding="utf-8") as f:
    f.write("\n".join(svg))
print("wrote", OUT)
