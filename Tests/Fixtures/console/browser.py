#!/usr/bin/env python3
"""Drives a real headless Chromium through the Vedetta console with selenium (Debian's chromium-driver).

Usage: browser.py BASE_URL USER PASSWORD SNMPD_PID_FILE SCREENSHOT_DIR

Signs in, waits for the wallboard to show the SNMP device's tile green, stops the real snmpd by PID, waits for the
incident to appear on the wallboard without a page reload (server-sent events), opens it, acknowledges it, checks
the wallboard says who took it, switches the language, and checks the browser logged no error. Prints one JSON
object with the figures; exits 1 with the reason on the first failure. Every wait is bounded.
"""

import json
import os
import signal
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

# The wallboard's content is replaced whenever it changes: an element found a moment ago may be gone.
IGNORED = [NoSuchElementException, StaleElementReferenceException]


def class_of(driver, selector):
    """The class of the first element matching selector, read in one step (never stale)."""
    return driver.execute_script("return document.querySelector(arguments[0])?.className || ''", selector)


def text_of(driver, selector):
    return driver.execute_script("return document.querySelector(arguments[0])?.innerText || ''", selector)


def fail(driver, shots, reason):
    if driver is not None:
        driver.save_screenshot(os.path.join(shots, "failure.png"))
        with open(os.path.join(shots, "failure.html"), "w") as page:
            page.write(driver.page_source)
    sys.stderr.write(reason + "\n")
    sys.exit(1)


def main():
    base, user, password, pid_file, shots = sys.argv[1:6]
    os.makedirs(shots, exist_ok=True)
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1920,1080",
                     "--lang=it-IT", "--disable-gpu"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "it-IT,it,en"})
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The reader is in New York while the agent keeps Rome's time: the calendar must cut days in the reader's zone.
    os.environ["TZ"] = "America/New_York"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    figures = {}
    try:
        wait = WebDriverWait(driver, 30, poll_frequency=0.1, ignored_exceptions=IGNORED)

        # Not signed in: the wallboard leads to the sign-in page, which comes back to the wallboard.
        driver.get(base + "/console/wallboard")
        wait.until(lambda d: "/console/login" in d.current_url)
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "it":
            fail(driver, shots, "an Italian browser did not get the Italian console")
        driver.save_screenshot(os.path.join(shots, "console-login.png"))
        driver.find_element(By.NAME, "name").send_keys(user)
        driver.find_element(By.NAME, "password").send_keys("wrong password!")
        driver.find_element(By.CSS_SELECTOR, "#sign-in button").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#sign-in .error").is_displayed())
        field = driver.find_element(By.NAME, "password")
        field.clear()
        field.send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "#sign-in button").click()
        wait.until(lambda d: d.current_url.endswith("/console/wallboard"))

        pbx = '.tile[data-site="milano"][data-role="pbx"]'
        wait.until(lambda d: "green" in class_of(d, pbx))
        wait.until(lambda d: "blue" in class_of(d, '.tile[data-site="roma"][data-role="switch"]'))
        driver.save_screenshot(os.path.join(shots, "console-wallboard-green.png"))

        # The devices: both listed; the PBX's page shows its inventory and its latest samples.
        driver.get(base + "/console/devices")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.devices tbody tr")) == 2)
        driver.find_element(By.LINK_TEXT, "pbx-milano").click()
        wait.until(lambda d: "/console/devices/pbx-milano" in d.current_url)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.samples tbody tr")) >= 2)
        if "sysUpTime" not in text_of(driver, "table.samples") and "up" not in text_of(driver, "table.samples"):
            fail(driver, shots, "the device page shows no samples")
        # Each sample has a sparkline of its last hours (real polls, 10 s steps); one leads to its chart.
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "td.spark svg.spark path")) >= 2)
        driver.save_screenshot(os.path.join(shots, "console-device.png"))
        driver.find_elements(By.CSS_SELECTOR, "td.spark a")[0].click()
        wait.until(lambda d: "/chart?series=" in d.current_url)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "svg.chart path.series")) == 1)
        if len(driver.find_elements(By.CSS_SELECTOR, "table.points tbody tr")) < 1:
            fail(driver, shots, "the chart page lists no points")
        driver.save_screenshot(os.path.join(shots, "console-device-chart.png"))
        driver.get(base + "/console/wallboard")
        wait.until(lambda d: "green" in class_of(d, pbx))
        driver.execute_script("window.vedettaMarker = 42;")

        # The device goes down: the real snmpd is stopped by its PID.
        with open(pid_file) as handle:
            os.kill(int(handle.read().strip()), signal.SIGKILL)
        stopped = time.time()
        WebDriverWait(driver, 45, poll_frequency=0.1, ignored_exceptions=IGNORED).until(
            lambda d: class_of(d, "#wallboard li.incident"))
        shown = time.time()
        figures["seconds_from_device_stop_to_wallboard"] = round(shown - stopped, 2)
        if driver.execute_script("return window.vedettaMarker") != 42:
            fail(driver, shots, "the wallboard reloaded the page instead of updating it")
        if "red" not in class_of(driver, pbx):
            fail(driver, shots, "the PBX tile is not red")
        detected = driver.execute_script(
            "return fetch('/api/v1/incidents?state=open').then(r => r.json()).then(l => l[0].detected_at)")
        figures["incident_detected_at"] = detected
        figures["wallboard_shown_at"] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(shown)) + \
            ".%03dZ" % int((shown % 1) * 1000)
        driver.save_screenshot(os.path.join(shots, "console-wallboard-incident.png"))

        # Open it and acknowledge it.
        driver.execute_script("document.querySelector('#wallboard li.incident a').click()")
        wait.until(lambda d: "/console/incidents/" in d.current_url)
        driver.find_element(By.CSS_SELECTOR, 'button[data-action="acknowledge"]').click()
        wait.until(lambda d: user in d.find_element(By.ID, "state").text)
        driver.find_element(By.NAME, "text").send_keys("tecnico in arrivo")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="note"] button').click()
        wait.until(lambda d: "tecnico in arrivo" in d.find_element(By.CSS_SELECTOR, ".timeline").text)
        driver.save_screenshot(os.path.join(shots, "console-incident.png"))

        # Back on the wallboard: who took it, in Italian; then the switch to English.
        driver.get(base + "/console/wallboard")
        wait.until(lambda d: ("preso in carico da " + user) in text_of(d, "#wallboard"))
        wait.until(lambda d: "amber" in class_of(d, pbx))
        driver.find_element(By.CSS_SELECTOR, "header .language").click()
        wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        wait.until(lambda d: ("acknowledged by " + user) in text_of(d, "#wallboard"))
        # On call: giulia now; she adds a substitution through the form, which lists it.
        driver.get(base + "/console/oncall")
        wait.until(lambda d: "Giulia Bianchi" in text_of(d, ".oncall-now"))
        driver.execute_script("""
            const f = document.querySelector('form[data-action=add-substitution]');
            const pad = (n) => String(n).padStart(2, '0');
            const day = (offset) => {
                const d = new Date(Date.now() + offset * 86400000);
                return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
            };
            f.start.value = day(2) + 'T08:00';
            f.end.value = day(3) + 'T08:00';
            f.reason.value = 'corso di formazione';
            f.substitute.value = 'marco';
            f.covers.value = 'giulia';
        """)
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="add-substitution"] button').click()
        wait.until(lambda d: "corso di formazione" in text_of(d, ".substitutions"))
        driver.save_screenshot(os.path.join(shots, "console-oncall.png"))
        driver.get(base + "/console/reports?period=this-week&group_by=role")
        wait.until(lambda d: "pbx" in text_of(d, "pre.report"))
        if not driver.find_elements(By.CSS_SELECTOR, '.downloads a[href*="format=csv"]'):
            fail(driver, shots, "the reports page has no CSV download")
        driver.save_screenshot(os.path.join(shots, "console-reports.png"))

        # Maintenance: the Rome window is in progress; the calendar is drawn in the browser's zone (New York).
        driver.get(base + "/console/maintenance")
        wait.until(lambda d: "firmware" in text_of(d, ".windows"))
        wait.until(lambda d: d.execute_script(
            "return document.querySelector('.calendar').dataset.zone") == "America/New_York")
        # A new window is previewed, then scheduled through the form, in the reader's zone.
        driver.find_element(By.NAME, "match").send_keys('site="milano"')
        wait.until(lambda d: "matches 1 devices: pbx-milano" in text_of(d, "#scope-preview"))
        tomorrow = driver.execute_script("""
            const f = document.querySelector('form[data-action=add-window]');
            const d = new Date(Date.now() + 86400000);
            const pad = (n) => String(n).padStart(2, '0');
            const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
            f.start.value = day + 'T22:00';
            f.duration.value = '1h';
            f.reason.value = 'cambio UPS';
            return day;
        """)
        if driver.find_element(By.NAME, "time_zone").get_attribute("value") != "America/New_York":
            fail(driver, shots, "the new window's form does not offer the reader's time zone")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="add-window"] button').click()
        # The window's own page: change its length and reason; its history says so.
        wait.until(lambda d: "cambio UPS" in text_of(d, "h1"))
        if "America/New_York" not in text_of(driver, "dl.facts"):
            fail(driver, shots, "the window was not scheduled in the reader's zone")
        driver.execute_script("""
            const f = document.querySelector('form[data-action=edit-window]');
            f.duration.value = '90m';
            f.reason.value = 'cambio UPS e batterie';
        """)
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="edit-window"] button').click()
        wait.until(lambda d: "cambio UPS e batterie" in text_of(d, "h1") and "1h30m" in text_of(d, "dl.facts"))
        if "changed" not in text_of(driver, "table.list"):
            fail(driver, shots, "the window's history does not show the change")
        # The month calendar shows it on its day, at its hours in the reader's zone.
        driver.get(base + "/console/maintenance?view=month&day=" + tomorrow)
        wait.until(lambda d: "22:00–23:30 cambio UPS e batterie" in text_of(d, ".calendar-grid.month"))
        driver.save_screenshot(os.path.join(shots, "console-maintenance-month.png"))
        driver.get(base + "/console/maintenance?view=week&day=" + tomorrow)
        wait.until(lambda d: "cambio UPS e batterie" in text_of(d, ".calendar-grid.week"))
        driver.save_screenshot(os.path.join(shots, "console-maintenance.png"))
        # The Rome window in progress: extended by half an hour from its page.
        driver.get(base + "/console/maintenance")
        driver.find_element(By.CSS_SELECTOR, ".windows a").click()
        wait.until(lambda d: "firmware" in text_of(d, "h1"))
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="extend-window"] button').click()
        wait.until(lambda d: "extended" in text_of(d, "table.list"))
        driver.save_screenshot(os.path.join(shots, "console-maintenance-window.png"))
        # A manual incident: opened from the list, categorised, restored by hand.
        driver.get(base + "/console/incidents")
        driver.find_element(By.CSS_SELECTOR, "details.manual summary").click()
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="open-incident"] input[name="summary"]').send_keys(
            "linea lenta verso Roma")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="open-incident"] input[name="device"]').send_keys(
            "pbx-milano")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="open-incident"] button').click()
        wait.until(lambda d: "linea lenta verso Roma" in text_of(d, "h1"))
        category = driver.find_element(By.NAME, "category")
        category.clear()
        category.send_keys("carrier/line")
        driver.find_element(By.CSS_SELECTOR, 'form[data-action="categorize"] button').click()
        wait.until(lambda d: "carrier/line" in text_of(d, ".timeline"))
        driver.find_element(By.CSS_SELECTOR, 'button[data-action="restore"]').click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".timeline li.restored"))
        driver.get(base + "/console/incidents?state=all")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.list tbody tr"))
        driver.save_screenshot(os.path.join(shots, "console-incidents.png"))

        # A laptop screen gets the same board, one column.
        driver.set_window_size(1366, 768)
        driver.get(base + "/console/wallboard")
        wait.until(lambda d: class_of(d, "#wallboard li.incident"))
        driver.save_screenshot(os.path.join(shots, "console-wallboard-laptop.png"))

        # Signing out ends the session: the wallboard leads to the sign-in page again.
        driver.find_element(By.ID, "sign-out").click()
        wait.until(lambda d: "/console/login" in d.current_url)
        driver.get(base + "/console/wallboard")
        wait.until(lambda d: "/console/login" in d.current_url)

        errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
                  and "wrong password" not in entry["message"] and "/api/v1/session" not in entry["message"]]
        if errors:
            fail(driver, shots, "the browser logged errors: %s" % errors)
        print(json.dumps(figures))
    except Exception as error:  # a timeout or a missing element: say which, with a screenshot
        fail(driver, shots, "%s: %s" % (type(error).__name__, error))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
