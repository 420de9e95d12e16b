#!/usr/bin/env python3
"""What feed readers and crawlers get, checked with the tools they use: every edition's feed,
and a section's and a tag's, parsed by feedparser (the library most feed readers build on) with
no complaint (`bozo`), in the edition's language, each entry linking to a live article page.
Starts its own `herald serve` of the demo newsroom with a `--base-url`."""
import sys, urllib.request

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


def main():
    with Server("--base-url", "http://127.0.0.1:{reader}") as server:
        base = f"http://127.0.0.1:{server.reader}"
        for code, language in EDITIONS.items():
            feed = check_feed(base, f"/{code}/rss.xml", language)
            print(f"discovery: ok — /{code}/rss.xml, {len(feed.entries)} entries, feedparser reads it cleanly")
        check_feed(base, "/en/business/rss.xml", "en")
        check_feed(base, "/en/tag/budget/rss.xml", "en")
        print("discovery: ok — section and tag feeds")


if __name__ == "__main__":
    sys.exit(main())
