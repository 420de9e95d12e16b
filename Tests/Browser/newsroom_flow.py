#!/usr/bin/env python3
"""The newsroom in a real browser (headless Chromium through Selenium), as an editor uses it:
sign in -> new article -> preview -> publish -> the reader page shows it -> a correction ->
the note shows. Starts its own `herald serve` on free ports over a fresh database (the demo
newsroom), reads the admin password the first start logs, and fails loudly at the first step
that does not work. `--screenshots DIR` saves a picture of each step (docs/ keeps a few)."""
import argparse, os, shutil, subprocess

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import ROOT, Server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--screenshots", help="save a screenshot of each step into this directory")
    args = parser.parse_args()
    with Server() as server:
        run(args, server.reader, server.newsroom, server.password)


def run(args, reader, newsroom, password):
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100",
                 "--lang=en-US"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    browser = webdriver.Chrome(options=options, service=service)
    # A click starts a navigation: elements of the old page go stale while the new one loads.
    wait = WebDriverWait(browser, 15, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException])
    # Reader pages may be kept 30 s by a browser (max-age=30): "the next request" must reach the server.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    step = 0

    def shot(name):
        nonlocal step
        step += 1
        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            browser.save_screenshot(os.path.join(args.screenshots, f"newsroom-{name}.png"))

    def check(condition, what):
        if not condition:
            raise SystemExit(f"browser: {what} (at {browser.current_url})")
        print(f"browser: ok — {what}")

    def heading(text):
        """Waits for the page whose <h1> says `text` (a click starts a navigation, it does not wait for it)."""
        try:
            wait.until(lambda b: b.find_element(By.TAG_NAME, "h1").text == text)
            return True
        except Exception:
            return False

    def notice(text):
        try:
            wait.until(lambda b: text in b.find_element(By.CSS_SELECTOR, ".notice").text)
            return True
        except Exception:
            return False

    try:
        base = f"http://127.0.0.1:{newsroom}"
        browser.get(base + "/articles")
        check("/login" in browser.current_url, "a page needs a session: the sign-in form")
        shot("sign-in")
        browser.find_element(By.NAME, "name").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys(password)
        browser.find_element(By.CSS_SELECTOR, "form.sign-in button").click()
        check(heading("Articles"), "signed in, back where I was going")

        browser.find_element(By.LINK_TEXT, "New article").click()
        check(heading("New article"), "the new article form")
        Select(browser.find_element(By.NAME, "edition")).select_by_value("en")
        Select(browser.find_element(By.NAME, "section")).select_by_value("news/politics")
        browser.find_element(By.NAME, "title").send_keys("Senate approves the new media law")
        browser.find_element(By.NAME, "dateline").send_keys("ASTANA")
        browser.find_element(By.NAME, "lead").send_keys("The upper house passed the bill by 38 votes to 7.")
        body = browser.find_element(By.NAME, "body")
        body.send_keys("Senators debated the bill for three hours.")
        body.send_keys("\n\n## What changes\n\nOnline outlets must register with the ministry.")
        browser.find_element(By.NAME, "tags").send_keys("parliament, media-law")
        bylines = browser.find_element(By.NAME, "bylines")
        bylines.clear()
        bylines.send_keys("Aigerim Sadykova\nMark Lee")
        # A photo from the reporter's camera, uploaded with the article.
        photo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "browser-photo.jpg")
        subprocess.run([os.path.join(ROOT, ".build/debug/herald-bench-data"), "--photo", photo, "--photo-size", "2400x1600"],
                       check=True, stdout=subprocess.DEVNULL)
        browser.find_element(By.NAME, "upload").send_keys(os.path.abspath(photo))
        browser.find_element(By.NAME, "alt").send_keys("Senators in the chamber before the vote")
        browser.find_element(By.NAME, "caption").send_keys("The Senate in session.")
        shot("new-article")

        browser.find_element(By.CSS_SELECTOR, "button[value=preview]").click()
        wait.until(lambda b: len(b.window_handles) == 2)
        editor = browser.current_window_handle
        browser.switch_to.window([h for h in browser.window_handles if h != editor][0])
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, ".preview-banner"))
        check("not published" in browser.find_element(By.CSS_SELECTOR, ".preview-banner").text, "the preview says it is not published")
        check(heading("Senate approves the new media law"), "the preview is the article page")
        check("By Aigerim Sadykova and Mark Lee" in browser.page_source, "the preview shows the bylines")
        shot("preview")
        browser.close()
        browser.switch_to.window(editor)

        browser.find_element(By.CSS_SELECTOR, "button[value=publish]").click()
        check(notice("Published."), "published")
        reference = browser.find_element(By.NAME, "photo").get_attribute("value")
        check(reference.startswith("/media/") and reference.endswith("/2400x1600"), "the upload's reference is in the photo field")
        live = browser.find_element(By.LINK_TEXT, "View on the site").get_attribute("href")
        check(f"/en/news/politics/" in live and live.endswith("-senate-approves-the-new-media-law"), "the slug came from the headline")
        path = live[live.index("/en/"):]
        shot("published")

        browser.get(f"http://127.0.0.1:{reader}{path}")
        check(heading("Senate approves the new media law"), "readers see the article")
        source = browser.find_element(By.CSS_SELECTOR, "figure.photo picture source[type='image/webp']").get_attribute("srcset")
        check("/media/" in source and "480.webp 480w" in source and "1600.webp 1600w" in source,
              "the uploaded photo is on the published page with a srcset")
        wait.until(lambda b: b.execute_script("const i = document.querySelector('figure.photo img'); return i.complete && i.naturalWidth > 0"))
        check(browser.execute_script("return document.querySelector('figure.photo img').currentSrc").endswith(".webp"),
              "the browser chose and decoded a WebP rendition")
        check("By Aigerim Sadykova and Mark Lee" in browser.find_element(By.CSS_SELECTOR, ".byline").text, "with its bylines")
        shot("reader")

        browser.get(base + "/")
        browser.find_element(By.LINK_TEXT, "Senate approves the new media law").click()
        check(heading("Edit article"), "the article opens from the dashboard")
        body = browser.find_element(By.NAME, "body")
        body.clear()
        body.send_keys("Senators debated the bill for four hours.\n\n## What changes\n\nOnline outlets must register with the ministry.")
        browser.find_element(By.NAME, "note").send_keys("An earlier version said the debate lasted three hours.")
        browser.find_element(By.CSS_SELECTOR, "button[value=publish]").click()
        check(notice("Published."), "the correction is published")

        browser.get(f"http://127.0.0.1:{reader}{path}")
        heading("Senate approves the new media law")
        page = browser.find_element(By.CSS_SELECTOR, "article.story").text
        check("four hours" in page, "readers see the corrected text on their next request")
        check("An earlier version said the debate lasted three hours." in browser.find_element(By.CSS_SELECTOR, ".corrections").text,
              "the correction note shows at the foot")
        shot("correction")

        browser.get(base + "/")
        browser.find_element(By.LINK_TEXT, "Senate approves the new media law").click()
        check(heading("Edit article"), "the article opens again")
        browser.find_element(By.LINK_TEXT, "History").click()
        check(heading("History: Senate approves the new media law"), "its history")
        browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        try:
            wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "table.diff"))
        except Exception:
            pass
        check("<del>three</del>" in browser.page_source and "<ins>four</ins>" in browser.page_source,
              "the history compares revisions word by word")
        shot("history")

        # A Kazakh story, then its Latin and Arabic-script editions made by transliteration.
        browser.get(base + "/articles/new?edition=kz")
        check(heading("New article"), "a new Kazakh article")
        Select(browser.find_element(By.NAME, "edition")).select_by_value("kz")
        browser.find_element(By.NAME, "title").send_keys("Мәжіліс бюджетті бекітті")
        browser.find_element(By.NAME, "slug").send_keys("majilis-budget")
        browser.find_element(By.NAME, "lead").send_keys("Депутаттар бүгін құжатты қабылдады.")
        browser.find_element(By.NAME, "body").send_keys("Құжат «Ақорда» сайтында жарияланды.")
        browser.find_element(By.NAME, "photo").send_keys(reference)
        browser.find_element(By.NAME, "alt").send_keys("Сенаторлар залда")
        browser.find_element(By.CSS_SELECTOR, "button[value=save]").click()
        check(notice("Saved"), "the Kazakh draft is saved")
        browser.find_element(By.LINK_TEXT, "All editions of this story").click()
        check(heading("Story “majilis-budget”"), "the story page lists its editions")
        check("missing" in browser.find_element(By.ID, "edition-qz").text, "the Latin edition is missing")
        shot("story")
        browser.find_element(By.XPATH, "//button[text()='Transliterate into Qazaqşa']").click()
        check(heading("Edit article"), "the Latin draft opens")
        check(browser.find_element(By.NAME, "title").get_attribute("value") == "Mäjılıs biudjettı bekıttı",
              "its headline is transliterated into the 2021 Latin alphabet")
        check(browser.find_element(By.NAME, "body").get_attribute("value") == "Qūjat «Aqorda» saitynda jarialandy.",
              "and its body")
        check(browser.find_element(By.NAME, "photo").get_attribute("value") == reference
              and browser.find_element(By.NAME, "alt").get_attribute("value") == "Senatorlar zalda",
              "the same photo, its description transliterated")
        check("Machine transliteration — review" in browser.find_element(By.CSS_SELECTOR, ".notice.machine").text,
              "marked as a machine transliteration to review")
        shot("transliterated")
        browser.find_element(By.LINK_TEXT, "All editions of this story").click()
        browser.find_element(By.XPATH, "//button[text()='Transliterate into قازاقشا']").click()
        check(heading("Edit article"), "the Arabic-script draft opens")
        check(browser.find_element(By.NAME, "title").get_attribute("value") == "\u0674ماجىلىس بيۋدجەتتى بەكىتتى",
              "its headline is in the Arabic script, with the hamza of a front-vowel word")
        browser.get(base + "/stories")
        check("Мәжіліс бюджетті бекітті" in browser.find_element(By.CSS_SELECTOR, "table.board").text, "the board lists the story")
        shot("board")
        print("browser: the newsroom flow works end to end")
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
