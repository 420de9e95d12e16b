#!/usr/bin/env python3
"""kill -9 of the server while editors save and publish in the newsroom, ROUNDS times: after each
kill the database passes integrity and foreign-key checks, no article is half-written (every
article the newsroom created has its revision pointers, the newest pointer is its newest revision,
a published article's live row is exactly its live revision, revision numbers have no gaps, tag
counts match their lists), and every save the newsroom confirmed (a 303) is there.

    python3 bench/killsaves.py --herald .build/release/herald --db DB --migrations migrations --rounds 20
"""
import argparse, os, random, re, signal, socket, sqlite3, subprocess, sys, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from newsroomclient import NewsroomClient  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(db, confirmed):
    connection = sqlite3.connect(db)
    problems = []
    def none(sql, what):
        rows = connection.execute(sql).fetchall()
        if rows:
            problems.append(f"{what}: {rows[:5]}")
    if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        problems.append("integrity_check failed")
    none("PRAGMA foreign_key_check", "foreign keys")
    none("SELECT DISTINCT r.article_id FROM article_revisions r LEFT JOIN article_versions v ON v.article_id = r.article_id WHERE v.article_id IS NULL",
         "articles with revisions but no pointers")
    none("SELECT v.article_id FROM article_versions v WHERE v.revision_id <> (SELECT MAX(id) FROM article_revisions r WHERE r.article_id = v.article_id)",
         "newest pointer is not the newest revision")
    none("""SELECT a.id FROM articles a JOIN article_versions v ON v.article_id = a.id JOIN article_revisions r ON r.id = v.live_revision_id
            WHERE a.state = 'published' AND (a.title <> r.title OR a.body_source <> r.body OR a.slug <> r.slug)""",
         "a live row that is not its live revision")
    none("SELECT id FROM articles WHERE (state = 'published') <> (status = 'published')", "state and status disagree")
    none("SELECT article_id FROM article_revisions GROUP BY article_id HAVING MAX(number) <> COUNT(*)", "gaps in revision numbers")
    none("""SELECT t.id FROM tags t WHERE t.article_count <> (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id AND l.published_at IS NOT NULL)""",
         "a tag count that is not its list")
    for article, revision in confirmed:
        if connection.execute("SELECT 1 FROM article_revisions WHERE article_id = ? AND number >= ?", (article, revision)).fetchone() is None:
            problems.append(f"a confirmed save is gone: article {article} revision {revision}")
    connection.close()
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--herald", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--migrations", default="migrations")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    password = "kill nine while saving"
    subprocess.run([args.herald, "user", "add", "killer", "--role", "admin", "--password-stdin", "--db", args.db,
                    "--migrations", args.migrations], input=password + "\n", text=True, capture_output=True)
    confirmed, saves, published = [], 0, 0
    for round in range(1, args.rounds + 1):
        port, newsroom = free_port(), free_port()
        server = subprocess.Popen([args.herald, "serve", "--db", args.db, "--migrations", args.migrations, "--no-demo",
                                   "--no-access-log", "--port", str(port), "--newsroom-port", str(newsroom)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = NewsroomClient(newsroom)
        for _ in range(100):
            try:
                client.sign_in("killer", password)
                break
            except (ConnectionError, OSError):
                time.sleep(0.1)
        stop = threading.Event()

        def editor():
            nonlocal saves, published
            article, revision = None, ""
            n = 0
            while not stop.is_set():
                n += 1
                body = (f"Round {round}, save {n}. " + "A paragraph of text that is long enough to overflow a page. " * 80)
                fields = [("csrf", client.csrf), ("edition", "en"), ("section", "news"), ("title", f"Kill round {round} article {n // 5}"),
                          ("slug", ""), ("story", ""), ("dateline", ""), ("lead", f"Lead {n}"), ("body", body), ("tags", "parliament"),
                          ("bylines", "Killer"), ("photo", ""), ("caption", ""), ("credit", ""), ("published", ""),
                          ("revision", revision), ("action", "publish" if n % 3 == 0 else "save")]
                try:
                    if article is None or n % 5 == 0:
                        status, location, _, _ = client.request("POST", "/articles", fields)
                    else:
                        status, location, _, _ = client.request("POST", f"/articles/{article}", fields)
                    if status == 303:
                        article = int(re.search(r"/articles/(\d+)", location).group(1))
                        _, _, page, _ = client.request("GET", f"/articles/{article}")
                        found = re.search(r'name="revision" value="(\d+)"', page)
                        revision = found.group(1) if found else ""
                        number = sqlite3.connect(args.db).execute("SELECT number FROM article_revisions WHERE id = ?", (revision,)).fetchone()
                        if number:
                            confirmed.append((article, number[0]))
                        saves += 1
                        published += 1 if n % 3 == 0 else 0
                except Exception:
                    return

        thread = threading.Thread(target=editor)
        thread.start()
        time.sleep(random.uniform(0.3, 2.5))
        server.send_signal(signal.SIGKILL)
        server.wait()
        stop.set()
        thread.join(timeout=15)
        problems = check(args.db, confirmed)
        if problems:
            print(f"FAIL: round {round}: " + "; ".join(problems))
            sys.exit(1)
    print(f"newsroom saves: {args.rounds} kills while saving and publishing; {saves} saves confirmed ({published} publishes), "
          f"every one still there; no half-written article; integrity, foreign keys, pointers, live rows and tag counts consistent")


if __name__ == "__main__":
    main()
