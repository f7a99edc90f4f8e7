"""The web application in a real headless Chromium (Debian's chromium and chromium-driver, driven by selenium).

Run by scripts/browser-test, which starts `gongkai serve --demo` and passes its address. Walks what a clerk, a
supervisor and an applicant do: check seed 001 and see its three R2 errors, follow one to its cell in the source and,
for a Word file and a web page, in the file's own table; open the 报告库, filter by year, open an agency; take an item
through 主动公开's 三审 (drafted with an identity number, masked, approved by three reviewers, published); file an
application on /apply (the form's script checking the 身份证 check digit as it is typed) and follow it by its query
number; and saves a screenshot of each main page (at 1366×768 and at a phone's width) for a person to look at.
Exits non-zero on the first thing that is not as expected.
"""

import os
import sys
import time
import urllib.parse
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
SEED = sys.argv[2]
SHOTS = sys.argv[3]
PASSWORD = os.environ["GONGKAI_DEMO_PASSWORD"]
OTHER_SEED = os.path.join(os.path.dirname(SEED), "003_15a2a8efa849601b.txt")
FIXTURES = os.path.dirname(os.path.dirname(SEED))
TABLE_SOURCES = [("word", os.path.join(FIXTURES, "rendered", "001_2af83e509e4cbaa8.lo.docx")),
                 ("html", os.path.join(FIXTURES, "html", "001-word.html"))]
DOWNLOADS = os.path.join(SHOTS, "downloads")
os.makedirs(DOWNLOADS, exist_ok=True)

steps = []


def step(name):
    steps.append(name)
    print(f"browser-test: {name}", flush=True)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def driver():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1366,768", "--lang=zh-CN"]:
        options.add_argument(argument)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    options.add_experimental_option("prefs", {
        "download.default_directory": DOWNLOADS,
        "download.prompt_for_download": False,
    })
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def shot(browser, name):
    """A screenshot of the whole page at the window's width."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    width = browser.execute_script("return window.innerWidth")
    browser.set_window_size(max(width, 360), min(max(height, 400), 6000))
    path = os.path.join(SHOTS, name + ".png")
    browser.save_screenshot(path)
    browser.set_window_size(1366, 768)
    return path


def no_console_errors(browser, where):
    """Nothing the browser refused (a blocked script or style, a missing file) on the page."""
    try:
        entries = browser.get_log("browser")
    except Exception:  # noqa: BLE001 - a driver without the log gives nothing to check
        return
    severe = [entry["message"] for entry in entries if entry.get("level") == "SEVERE"
              and "favicon.ico" not in entry["message"]]
    expect(not severe, f"{where}: the browser reported {severe}")


def in_view(browser, element):
    """Whether the element is inside the window and inside the box that scrolls it sideways."""
    return browser.execute_script("""
        const cell = arguments[0].getBoundingClientRect();
        const box = arguments[0].closest('.scroll').getBoundingClientRect();
        return cell.top >= 0 && cell.bottom <= window.innerHeight && cell.left >= box.left - 1
            && cell.right <= box.right + 1 && cell.width > 0;""", element)


def source_table_cell(browser, wait, kind, path):
    """Checks a Word file or web page, follows an R2 error's place to its cell in the table drawn as the file has
    it, at 1366×768 and at a phone's width."""
    for width, height, label in [(1366, 768, ""), (390, 844, "-phone")]:
        step(f"检查报告 ({kind}{label}): an R2 error's cell in the file's own table")
        browser.set_window_size(width, height)
        browser.get(BASE + "/check")
        browser.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(path)
        browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.ID, "source-tables")))
        r2 = [item for item in browser.find_elements(By.CSS_SELECTOR, "li.finding.error")
              if item.find_element(By.CSS_SELECTOR, "code.rule").text == "R2"]
        expect(len(r2) == 3, f"{kind}: three R2 errors expected, found {len(r2)}")
        link = r2[0].find_element(By.CSS_SELECTOR, "a.cell-link")
        expect(link.text == "表格2 第4行第10列", f"{kind}: the first R2 error's place is {link.text!r}")
        link.click()
        wait.until(ec.url_contains("#src-2-4-10"))
        target = browser.execute_script("return document.querySelector(':target')")
        expect(target is not None and target.tag_name == "td", f"{kind}: the place leads to a table cell")
        expect(target.get_attribute("id") == "src-2-4-10", f"{kind}: the cell is {target.get_attribute('id')}")
        classes = target.get_attribute("class").split()
        expect("error" in classes, f"{kind}: the cell is marked as an error ({classes})")
        expect(target.text == "0", f"{kind}: the cell prints 0, not {target.text!r}")
        color = target.value_of_css_property("background-color")
        expect(color not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"),
               f"{kind}: the highlighted cell has a background ({color})")
        outline = target.value_of_css_property("outline-color")
        expect(outline in ("rgb(31, 111, 235)", "rgba(31, 111, 235, 1)"), f"{kind}: the cell followed to is outlined in blue ({outline})")
        time.sleep(0.2)
        expect(in_view(browser, target), f"{kind}{label}: the cell is scrolled into view")
        overflow = browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        expect(not overflow, f"{kind}{label}: the page scrolls sideways (only the table may)")
        browser.save_screenshot(os.path.join(SHOTS, f"check-{kind}-cell{label}.png"))
        no_console_errors(browser, f"check {kind}")
    browser.set_window_size(1366, 768)


def sign_in(browser, wait, name):
    """Signs in through the 登录 form as another user (the demo's users share the printed password)."""
    browser.get(BASE + "/login")
    browser.find_element(By.NAME, "name").send_keys(name)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, "header.site .account"), name))


def act(browser, wait, label):
    """Clicks the item page's button with that label and waits for the page to come back."""
    buttons = [button for button in browser.find_elements(By.CSS_SELECTOR, "form.act button")
               if button.text == label]
    expect(buttons, f"a button 「{label}」 on the item page")
    buttons[0].click()
    wait.until(ec.staleness_of(buttons[0]))
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "ol.history")))
    errors = browser.find_elements(By.CSS_SELECTOR, ".error-box")
    expect(not errors, f"「{label}」 was refused: {errors[0].text if errors else ''}")


def publishing(browser, wait):
    """主动公开: a clerk drafts an item with an identity number, sees the hit, masks it; three reviewers approve; the
    clerk publishes it and it is listed."""
    title = "关于张三违法行为的处罚决定"
    step("主动公开: the clerk drafts an item with an identity number")
    sign_in(browser, wait, "王芳")
    browser.get(BASE + "/publish/items/new")
    browser.find_element(By.NAME, "title").send_keys(title)
    Select(browser.find_element(By.NAME, "category")).select_by_value("penalties")
    browser.find_element(By.NAME, "text").send_keys(
        "当事人：张三，身份证号码：11010519491231002X，住址：南京市玄武区北京东路12号3单元201室。\n"
        "经查，当事人未按规定公开信息，现予警告。")
    browser.find_element(By.CSS_SELECTOR, "form.item-form button[type=submit]").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".screened")))
    item_url = browser.current_url
    marks = browser.find_elements(By.CSS_SELECTOR, ".screened mark.hit-error")
    expect(any("11010519491231002X" in mark.text for mark in marks), "the identity number is marked as an error")
    id_mark = next(mark for mark in marks if "11010519491231002X" in mark.text)
    expect("身份证号码" in id_mark.get_attribute("title"), "the mark's title names the kind")
    expect("1101**********002X" in id_mark.get_attribute("title"), "the mark's title gives the masked form")
    expect(browser.find_elements(By.CSS_SELECTOR, "ol.hits li.hit"), "the hits listed beside the text")
    shot(browser, "publish-draft")
    no_console_errors(browser, "publish draft")

    step("主动公开: 一键脱敏 and submit")
    act(browser, wait, "一键脱敏")
    text = browser.find_element(By.CSS_SELECTOR, ".screened").text
    expect("1101**********002X" in text and "11010519491231002X" not in text, f"the number masked: {text!r}")
    expect(not browser.find_elements(By.CSS_SELECTOR, ".screened mark.hit-error"), "no error left after masking")
    act(browser, wait, "提交初审")

    for reviewer, label in [("李明", "初审通过"), ("赵强", "复审通过"), ("陈静", "终审通过")]:
        step(f"主动公开: {reviewer} {label}")
        sign_in(browser, wait, reviewer)
        browser.get(BASE + "/publish")
        links = [link for link in browser.find_elements(By.CSS_SELECTOR, "table.items a") if link.text == title]
        expect(links, f"{reviewer} sees the item waiting for review")
        links[0].click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".screened")))
        act(browser, wait, label)
        if reviewer == "陈静":
            shot(browser, "publish-approved")

    step("主动公开: the clerk publishes it; it is in the published list")
    sign_in(browser, wait, "王芳")
    browser.get(item_url)
    act(browser, wait, "发布")
    expect("已公开" in browser.find_element(By.CSS_SELECTOR, "dl.item-facts").text, "the item is published")
    agency = browser.find_element(By.CSS_SELECTOR, "dl.item-facts dd").text
    browser.get(BASE + "/publish/published?category=penalties")
    rows = browser.find_element(By.CSS_SELECTOR, "table.published tbody").text
    expect(title in rows, f"the published list shows the item: {rows!r}")
    shot(browser, "publish-published")
    no_console_errors(browser, "published list")

    step("主动公开: an administrator adds a word to the agency's list (错敏词)")
    sign_in(browser, wait, "demo")
    browser.get(BASE + "/publish/words?agency=" + urllib.parse.quote(agency))
    form = browser.find_element(By.CSS_SELECTOR, "form.word-form")
    form.find_element(By.NAME, "wrong").send_keys("司法所长")
    form.find_element(By.NAME, "correct").send_keys("司法所所长")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda _: "司法所所长" in browser.page_source)
    expect("司法所长" in browser.page_source, "the agency's word list shows the word added")
    shot(browser, "publish-words")
    no_console_errors(browser, "word list")


def main():
    browser = driver()
    wait = WebDriverWait(browser, 20)
    try:
        step("home page")
        browser.get(BASE + "/")
        expect("政府信息公开" in browser.title, f"home title {browser.title!r}")
        shot(browser, "home")
        no_console_errors(browser, "home")

        step("登录 as the demo administrator")
        browser.get(BASE + "/login")
        browser.find_element(By.NAME, "name").send_keys("demo")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        browser.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "header.site .account")))
        expect("demo" in browser.find_element(By.CSS_SELECTOR, "header.site .account").text,
               "the header names the signed-in user")
        shot(browser, "signed-in")

        step("检查报告: upload seed 001")
        browser.get(BASE + "/check")
        browser.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(SEED)
        browser.find_element(By.CSS_SELECTOR, "form.upload button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.ID, "findings")))
        r2 = [item for item in browser.find_elements(By.CSS_SELECTOR, "li.finding.error")
              if item.find_element(By.CSS_SELECTOR, "code.rule").text == "R2"]
        expect(len(r2) == 3, f"three R2 errors expected, found {len(r2)}")
        error_cells = browser.find_elements(By.CSS_SELECTOR, "td.v.error")
        expect(len(error_cells) >= 3, f"the R2 cells marked as errors: {len(error_cells)}")
        shot(browser, "check-result")
        no_console_errors(browser, "check result")

        step("检查报告: a finding's cell in the source")
        first = r2[0]
        link = first.find_elements(By.CSS_SELECTOR, "a.place")
        if link:
            link[0].click()
            target = browser.execute_script("return document.querySelector(':target')")
            expect(target is not None, "following a finding's place leads to an element")
            marks = target.find_elements(By.CSS_SELECTOR, "mark")
        else:
            marks = first.find_elements(By.CSS_SELECTOR, "pre.source mark")
        expect(marks and marks[0].is_displayed(), "the cell is highlighted in the source")
        expect(marks[0].text == "0", f"the highlighted cell prints 0, not {marks[0].text!r}")
        color = marks[0].value_of_css_property("background-color")
        expect(color not in ("rgba(0, 0, 0, 0)", "transparent"), "the highlighted cell has a background")

        for kind, path in TABLE_SOURCES:
            source_table_cell(browser, wait, kind, path)

        step("检查报告: the figures as JSON")
        json_links = browser.find_elements(By.CSS_SELECTOR, "a[href$='figures.json']")
        expect(json_links, "a JSON download link")

        step("上传入库: store a report")
        browser.get(BASE + "/upload")
        browser.find_element(By.CSS_SELECTOR, "input[type=file][name=files]").send_keys(OTHER_SEED)
        browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.upload-result")))
        outcome = browser.find_element(By.CSS_SELECTOR, "table.upload-result tbody").text
        expect("已入库" in outcome or "已在库中" in outcome, f"the upload's outcome: {outcome!r}")
        shot(browser, "upload-result")
        no_console_errors(browser, "upload result")

        step("操作记录: the upload is in the audit log")
        browser.get(BASE + "/admin/audit")
        expect("上传入库" in browser.find_element(By.TAG_NAME, "main").text, "the audit log names the upload")
        shot(browser, "audit")

        step("报告库: filter by year")
        browser.get(BASE + "/reports")
        year = browser.find_element(By.NAME, "year")
        year.clear()
        year.send_keys("2023")
        Select(browser.find_element(By.NAME, "sort")).select_by_value("agency")
        browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
        wait.until(ec.url_contains("year=2023"))
        rows = browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
        expect(rows, "reports listed for 2023")
        years = {row.find_elements(By.TAG_NAME, "td")[2].text for row in rows}
        expect(years == {"2023"}, f"only 2023 listed, saw {years}")
        shot(browser, "library")
        no_console_errors(browser, "library")

        step("报告库: export what is shown")
        exports = browser.find_elements(By.CSS_SELECTOR, "a[href*='reports.xlsx']")
        if exports:
            before = set(os.listdir(DOWNLOADS))
            exports[0].click()
            deadline = time.time() + 20
            new = []
            while time.time() < deadline:
                new = [name for name in set(os.listdir(DOWNLOADS)) - before if name.endswith(".xlsx")]
                if new:
                    break
                time.sleep(0.2)
            expect(new, "the XLSX was downloaded")
            path = os.path.join(DOWNLOADS, new[0])
            expect(zipfile.is_zipfile(path), "the XLSX is a zip")
            import openpyxl  # noqa: PLC0415 - only this step needs it
            workbook = openpyxl.load_workbook(path, read_only=True)
            expect(workbook.sheetnames, "the XLSX has sheets")
        else:
            step("报告库: no XLSX export on this page yet (not checked)")

        step("单位页: open an agency")
        rows[0].find_element(By.CSS_SELECTOR, "a[href^='/agencies/']").click()
        wait.until(ec.presence_of_element_located((By.TAG_NAME, "h1")))
        expect(browser.find_elements(By.CSS_SELECTOR, "table.years"), "the years side by side")
        shot(browser, "agency")
        no_console_errors(browser, "agency")

        step("一份报告")
        browser.find_element(By.CSS_SELECTOR, "table.list a[href^='/reports/']").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.national")))
        shot(browser, "report")

        step("汇总")
        browser.get(BASE + "/rollup")
        region_links = browser.find_elements(By.CSS_SELECTOR, "main a[href^='/rollup?']")
        expect(region_links, "regions to roll up")
        region_links[0].click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.national")))
        expect(browser.find_elements(By.CSS_SELECTOR, "a[href*='rollup.docx']"), "the rolled-up report in Word")
        shot(browser, "rollup")
        no_console_errors(browser, "rollup")

        step("统计图")
        browser.get(BASE + "/charts")
        charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        expect(len(charts) >= 4, f"the charts drawn: {len(charts)}")
        expect(all(chart.size["width"] > 200 for chart in charts), "every chart has its width")
        shot(browser, "charts")
        no_console_errors(browser, "charts")

        step("未报送")
        browser.get(BASE + "/missing")
        shot(browser, "missing")
        no_console_errors(browser, "missing")

        step("登记簿: the register of the demo user's agency")
        browser.get(BASE + "/register")
        wait.until(ec.presence_of_element_located((By.ID, "applications")))
        expect("登记簿" in browser.find_element(By.TAG_NAME, "h1").text, "the agency's register")
        register = browser.current_url.split("?")[0]
        expect("/register/a/" in register, f"/register goes straight to the clerk's agency: {register}")

        step("登记簿: a clerk adds an application")
        browser.find_element(By.CSS_SELECTOR, "a[href$='/applications/new']").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.register")))
        Select(browser.find_element(By.NAME, "channel")).select_by_value("online")
        Select(browser.find_element(By.NAME, "applicant_type")).select_by_value("natural")
        browser.find_element(By.NAME, "applicant").send_keys("张三")
        browser.find_element(By.NAME, "request").send_keys("2025年行政复议决定书")
        shot(browser, "register-new")
        browser.find_element(By.CSS_SELECTOR, "form.register button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.ID, "timeline")))
        no_console_errors(browser, "register application")

        def record(value, fill=None):
            form = browser.find_element(By.XPATH, f"//form[.//input[@name='step' and @value='{value}']]")
            if fill:
                fill(form)
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait.until(ec.staleness_of(form))
            wait.until(ec.presence_of_element_located((By.ID, "timeline")))
            expect(not browser.find_elements(By.ID, "step-error"), f"{value} refused: {browser.page_source[:300]}")

        step("登记簿: 补正 sent and received")
        record("amendment_requested")
        offered = [item.get_attribute("value") for item in
                   browser.find_elements(By.CSS_SELECTOR, "input[name=step]")]
        expect(offered == ["amendment_received"], f"waiting for the 补正, only its arrival is offered: {offered}")
        record("amendment_received")

        step("登记簿: the reply, and the timeline")
        record("replied", lambda form: Select(form.find_element(By.NAME, "outcome")).select_by_value("granted"))
        rows = browser.find_elements(By.CSS_SELECTOR, "table.timeline tbody tr")
        expect(len(rows) == 4, f"four steps in the timeline, found {len(rows)}")
        expect("答复办结" in rows[-1].text and "demo" in rows[-1].text, f"the reply and who recorded it: {rows[-1].text}")
        expect(not browser.find_elements(By.CSS_SELECTOR, "input[name=step]"), "no step after the reply")
        expect(browser.find_elements(By.LINK_TEXT, "第4步的告知书（Word）"), "the reply letter is linked")
        shot(browser, "register-application")
        no_console_errors(browser, "register application")

        step("登记簿: the list with its due dates")
        browser.get(register + "?year=2026")
        expect(browser.find_elements(By.CSS_SELECTOR, "table.register span.due"), "due dates marked")
        shot(browser, "register")

        step("登记簿: the year's report previewed")
        browser.get(register + "/compile?year=2026")
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.national")))
        summary = browser.find_element(By.CSS_SELECTOR, ".counts").text
        expect("新收申请 1 件" in summary and "0 个错误" in summary, f"the compiled year: {summary}")
        shot(browser, "register-compile")
        no_console_errors(browser, "register compile")

        publishing(browser, wait)

        step("an applicant files on /apply: the form checks the 身份证 check digit as it is typed")
        browser.get(BASE + "/apply?q=" + "局")
        agencies = browser.find_elements(By.CSS_SELECTOR, "ul.agencies a")
        expect(agencies, "/apply finds agencies whose name holds 局")
        agencies[0].click()
        wait.until(ec.presence_of_element_located((By.ID, "apply-form")))
        form = browser.find_element(By.ID, "apply-form")
        form.find_element(By.NAME, "name").send_keys("张三")
        form.find_element(By.NAME, "id_number").send_keys("110105194912310021")
        wait.until(lambda _: "校验码" in browser.find_element(By.ID, "id_number-error").text)
        form.find_element(By.NAME, "id_number").clear()
        form.find_element(By.NAME, "id_number").send_keys("11010519491231002X")
        wait.until(lambda _: browser.find_element(By.ID, "id_number-error").text == "")
        form.find_element(By.NAME, "phone").send_keys("12345")
        wait.until(lambda _: "不像有效号码" in browser.find_element(By.ID, "phone-error").text)
        form.find_element(By.NAME, "phone").clear()
        form.find_element(By.NAME, "phone").send_keys("13800138000")
        form.find_element(By.NAME, "address").send_keys("北京市西城区某路1号")
        form.find_element(By.NAME, "information_name").send_keys("2024年行政复议决定书")
        shot(browser, "apply-form")
        no_console_errors(browser, "apply form")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        number = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".query-number"))).text
        expect(len(number.replace("-", "")) == 12, f"the query number {number!r}")
        shot(browser, "apply-filed")

        step("the status page by the query number")
        browser.get(BASE + "/apply/status?number=" + number.lower())
        expect("等待签收" in browser.find_element(By.CSS_SELECTOR, "table.status").text,
               "the status page shows the application waiting to be signed for")
        expect("11010519491231002X" not in browser.page_source, "the status page shows no identity number")
        shot(browser, "apply-status")
        no_console_errors(browser, "status")

        step("a phone's width")
        browser.set_window_size(390, 844)
        browser.get(BASE + "/reports")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth + 1")
        expect(not overflow, "the 报告库 page scrolls sideways on a phone (only its tables may)")
        browser.save_screenshot(os.path.join(SHOTS, "library-phone.png"))
        browser.set_window_size(1366, 768)
    finally:
        browser.quit()
    print(f"browser-test: {len(steps)} steps passed; screenshots in {SHOTS}")


if __name__ == "__main__":
    main()
