#!/usr/bin/env python3
"""What feed readers and crawlers get, checked with the tools they use: every edition's feed,
and a section's and a tag's, parsed by feedparser (the library most feed readers build on) with
no complaint (`bozo`), in the edition's language, each entry linking to a live article page.
Then what a crawler does: robots.txt → the sitemap index → every file, each parsed as XML, every
listed URL answering 200, every alternate of an article pointing back at it.
Starts its own `herald serve` of the demo newsroom with a `--base-url`."""
import gzip, sys, urllib.request
import xml.etree.ElementTree as ElementTree

import feedparser

from harness import Server

EDITIONS = {"en": "en", "ru": "ru", "kz": "kk", "qz": "kk-Latn", "zh": "zh-Hans", "tote": "kk-Arab", "uz": "uz-Cyrl"}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type"), response.read()


def check(condition, what):
    if not condition:
        raise SystemExit(f"discovery: {what}")


def check_feed(base, path, language):
    status, kind, body = fetch(base + path)
    check(status == 200 and kind == "application/rss+xml; charset=utf-8", f"{path}: {status} {kind}")
    feed = feedparser.parse(body)
    check(not feed.bozo, f"{path}: feedparser objects: {feed.get('bozo_exception')}")
    check(feed.version == "rss20", f"{path}: read as {feed.version}")
    check(feed.feed.get("language") == language, f"{path}: language {feed.feed.get('language')}")
    check(0 < len(feed.entries) <= 50, f"{path}: {len(feed.entries)} entries")
    for entry in feed.entries:
        check(entry.link.startswith(base + "/"), f"{path}: entry link {entry.link}")
        check(entry.get("published_parsed") is not None, f"{path}: {entry.link} has no readable date")
        check(entry.id.startswith("urn:herald:article:"), f"{path}: guid {entry.id}")
    status, _, _ = fetch(feed.entries[0].link)
    check(status == 200, f"{path}: first entry {feed.entries[0].link} answers {status}")
    return feed


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def read_xml(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        check(response.headers.get("Content-Type") == "application/xml; charset=utf-8", f"{url}: {response.headers.get('Content-Type')}")
    return ElementTree.fromstring(body)


def check_sitemaps(base):
    _, _, robots = fetch(base + "/robots.txt")
    index_url = next((line.split(": ", 1)[1] for line in robots.decode().splitlines() if line.startswith("Sitemap: ")), None)
    check(index_url == base + "/sitemap.xml", f"robots.txt names {index_url}")
    files = [loc.text for loc in read_xml(index_url).iter(SITEMAP + "loc")]
    check(len(files) >= 7 * 3, f"the index lists {len(files)} files")
    alternates, pages = {}, 0
    for file in files:
        for url in read_xml(file).iter(SITEMAP + "url"):
            loc = url.find(SITEMAP + "loc").text
            alternates[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML + "link")}
            pages += 1
    for loc, links in alternates.items():
        check(fetch(loc)[0] == 200, f"{loc} answers")
        for lang, href in links.items():
            # Each version lists the same set of versions: the links are reciprocal.
            if lang != "x-default":
                check(alternates.get(href) == links, f"{href} ({lang}) does not list the versions {loc} lists")
    print(f"discovery: ok — robots.txt, the index and {len(files)} sitemap files: {pages} URLs, all live, alternates reciprocal")


def main():
    with Server("--base-url", "http://127.0.0.1:{reader}") as server:
        base = f"http://127.0.0.1:{server.reader}"
        for code, language in EDITIONS.items():
            feed = check_feed(base, f"/{code}/rss.xml", language)
            print(f"discovery: ok — /{code}/rss.xml, {len(feed.entries)} entries, feedparser reads it cleanly")
        check_feed(base, "/en/business/rss.xml", "en")
        check_feed(base, "/en/tag/budget/rss.xml", "en")
        print("discovery: ok — section and tag feeds")
        check_sitemaps(base)


if __name__ == "__main__":
    sys.exit(main())
