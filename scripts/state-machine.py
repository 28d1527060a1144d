#!/usr/bin/env python3
"""Draws docs/state-machine.svg from docs/state-machine.txt (no dependencies beyond Python 3).

The picture is generated, never edited by hand: change the .txt and run
    python3 scripts/state-machine.py
"""
import math
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "docs", "state-machine.txt")
OUT = os.path.join(ROOT, "docs", "state-machine.svg")
W, H = 130, 40  # box size


def parse(path):
    states, edges = {}, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if parts[0] == "state" and len(parts) == 4:
                states[parts[1]] = (float(parts[2]), float(parts[3]))
            elif parts[0] == "edge" and len(parts) >= 5:
                edges.append((parts[1], parts[2], float(parts[3]), " ".join(parts[4:])))
            else:
                sys.exit("%s:%d: cannot read %r" % (path, n, line))
    for a, b, _, _ in edges:
        for s in (a, b):
            if s not in states:
                sys.exit("edge names unknown state " + s)
    return states, edges


def border(cx, cy, tx, ty):
    """Where the line from the box centre (cx, cy) towards (tx, ty) leaves the box."""
    dx, dy = tx - cx, ty - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min((W / 2) / abs(dx) if dx else math.inf, (H / 2) / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


def render(states, edges):
    width = max(x for x, _ in states.values()) + W
    height = max(y for _, y in states.values()) + H + 20
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
           ' font-family="sans-serif" font-size="13">' % (width, height, width, height),
           '<title>chatwire connection states</title>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8"'
           ' markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/>'
           '</marker></defs>',
           '<rect width="100%" height="100%" fill="white"/>']
    for a, b, bend, label in edges:
        (ax, ay), (bx, by) = states[a], states[b]
        mx, my = (ax + bx) / 2, (ay + by) / 2
        length = math.hypot(bx - ax, by - ay)
        nx, ny = -(by - ay) / length, (bx - ax) / length  # unit normal
        qx, qy = mx + nx * bend * 2, my + ny * bend * 2    # control point
        sx, sy = border(ax, ay, qx, qy)
        ex, ey = border(bx, by, qx, qy)
        out.append('<path d="M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f" fill="none" stroke="#333"'
                   ' stroke-width="1.4" marker-end="url(#arrow)"/>' % (sx, sy, qx, qy, ex, ey))
        lx, ly = (sx + 2 * qx + ex) / 4, (sy + 2 * qy + ey) / 4  # the curve's midpoint
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle" fill="#1a4d80">'
                   '<tspan dx="0" dy="-4">%s</tspan></text>' % (lx, ly, escape(label)))
    for name, (x, y) in states.items():
        fill = "#e8f4e8" if name == "READY" else "#f4e8e8" if name == "CLOSED" else "#eef2f8"
        out.append('<rect x="%.1f" y="%.1f" width="%d" height="%d" rx="8" fill="%s" stroke="#333"/>'
                   % (x - W / 2, y - H / 2, W, H, fill))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle" font-weight="bold">%s</text>'
                   % (x, y + 5, escape(name)))
    out.append('</svg>')
    return "\n".join(out) + "\n"


def main():
    states, edges = parse(SRC)
    svg = render(states, edges)
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        with open(OUT, encoding="utf-8") as f:
            if f.read() != svg:
                sys.exit("docs/state-machine.svg is stale: run python3 scripts/state-machine.py")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(svg)


if __name__ == "__main__":
    main()
