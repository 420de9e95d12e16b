"""An SVG chart of a bench/run.py report: for each dataset and cache mode, each page's req/s for
Herald beside nginx serving the same bytes, as horizontal bars with their figures and the ratio.
Plain SVG 1.1 with its own text (no script, no external fonts), readable in a browser or on GitHub."""
from xml.sax.saxutils import escape

MODES = [("cached", "page cache on"), ("logged", "on, both logging"), ("noyield", "on, worker yield off"),
         ("uncached", "page cache off"), ("reads", "page and data caches off"), ("pinned", "on, a core each")]
HERALD, NGINX = "#1f6fb2", "#9aa5b1"


def svg(results, summarize, title):
    """The chart for `results` (run.py's list); `summarize(runs)` gives (herald, nginx, ratio, errors)."""
    rows = []
    for result in results:
        for mode, label in MODES:
            for page, runs in result.get(mode, {}).items():
                herald, nginx, ratio, _ = summarize(runs)
                rows.append((f"{result['set']} · {label} · {page}", herald["rps"], nginx["rps"], ratio))
    peak = max([max(h, n) for _, h, n, _ in rows] + [1])
    left, bar, gap, width = 290, 11, 10, 520
    height = 60 + len(rows) * (2 * bar + gap) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 150}" height="{height}" '
           f'viewBox="0 0 {left + width + 150} {height}" font-family="sans-serif" font-size="12" role="img" aria-label="{escape(title)}">',
           f'<title>{escape(title)}</title>', '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="10" y="22" font-size="15" font-weight="bold" fill="#1b1f24">{escape(title)}</text>',
           f'<rect x="{left}" y="32" width="12" height="12" fill="{HERALD}"/><text x="{left + 18}" y="42" fill="#1b1f24">Herald</text>',
           f'<rect x="{left + 90}" y="32" width="12" height="12" fill="{NGINX}"/>'
           f'<text x="{left + 108}" y="42" fill="#1b1f24">nginx, the same bytes</text>']
    y = 60
    for label, herald, nginx, ratio in rows:
        out.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end" fill="#1b1f24">{escape(label)}</text>')
        for index, (value, colour) in enumerate(((herald, HERALD), (nginx, NGINX))):
            length = max(1, round(value / peak * width))
            top = y + index * bar
            out.append(f'<rect x="{left}" y="{top}" width="{length}" height="{bar - 1}" fill="{colour}"/>')
            out.append(f'<text x="{left + length + 4}" y="{top + bar - 2}" font-size="10" fill="#1b1f24">{value:,.0f}</text>')
        out.append(f'<text x="{left + width + 80}" y="{y + bar + 4}" font-weight="bold" fill="{"#1a7f37" if ratio >= 1 else "#b35900"}">'
                   f'{ratio:.2f}×</text>')
        y += 2 * bar + gap
    out.append(f'<text x="10" y="{height - 10}" font-size="10" fill="#57606a">requests per second, medians of the rounds; '
               f'the ratio is the median of the per-round Herald / nginx ratios</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
