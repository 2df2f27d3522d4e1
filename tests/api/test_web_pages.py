"""The control panel and the OBS overlay in a real headless Chromium (Debian's chromium and chromium-driver, driven
by Selenium with both paths given, so nothing is downloaded). Audio plays without a sound card: Chromium's own
output reaches `ended` with `--autoplay-policy=no-user-gesture-required` alone (checked on this machine).

The pages write what they do to `window.panelLog` / `window.overlayLog`; the tests wait on those, never on time.
Screenshots go to `.artifacts/screenshots/` (the README shows copies from docs/screenshots/).
"""
import json
import os
import pathlib
import socket
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT, start_server, stop_server

ARTIFACTS = ROOT / ".artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def web():
    """A server with chat on (no pause between items) on a fixed port, so a restart comes back where pages expect it."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ishowtts-web-") as directory:
        environment = {"ISHOWTTS__BIND_ADDR": f"127.0.0.1:{port}", "ISHOWTTS__CHAT__GAP_MS": "0"}
        state = {"server": start_server(pathlib.Path(directory), extra_environment=environment)}
        state["restart"] = lambda: state.update(server=restart(state["server"], pathlib.Path(directory), environment))
        yield state
        stop_server(state["server"])


def restart(server, directory, environment):
    stop_server(server)
    return start_server(directory, extra_environment=environment)


@pytest.fixture
def browser():
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def api(server, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{server.base_url}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read()


def wait_for_log(driver, log, predicate_js, timeout=60):
    """Waits until `predicate_js` (a JS expression over `entries`, the page's log) is true; returns the log."""
    script = f"const entries = window.{log} || []; return ({predicate_js}) ? entries : null;"
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(script))


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(driver, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_the_panel_loads_without_console_errors_in_both_languages_and_themes(web, browser):
    base = web["server"].base_url
    for language, theme, speak_label in (("en", "light", "Speak"), ("zh", "dark", "朗读")):
        browser.get(f"{base}/?lang={language}&theme={theme}")
        wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
        tab = browser.find_element(By.CSS_SELECTOR, "[data-tab=speak]")
        assert tab.text == speak_label
        assert browser.execute_script("return document.documentElement.dataset.theme") == theme
        assert not browser.find_element(By.ID, "f5-knobs").is_displayed()  # F5's knobs only for F5 voices
        WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#speak-voice option"))
        screenshot(browser, f"panel-{language}-{theme}")
        assert console_errors(browser) == []
    # The choice is remembered: the next visit without parameters keeps Chinese.
    browser.get(base + "/")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    assert browser.find_element(By.CSS_SELECTOR, "[data-tab=queue]").text == "队列"
    browser.find_element(By.ID, "language").click()
    assert browser.find_element(By.CSS_SELECTOR, "[data-tab=queue]").text == "Queue"


def test_speaking_from_the_panel_plays_the_stream_and_keeps_it_in_the_history(web, browser):
    browser.get(web["server"].base_url + "/?lang=en")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    browser.find_element(By.CSS_SELECTOR, "[data-tab=speak]").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#speak-voice option"))
    browser.find_element(By.ID, "speak-text").send_keys("Hello chat, this is the panel speaking.")
    browser.find_element(By.ID, "speak-button").click()
    log = wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'speak-end')")
    kinds = [entry["type"] for entry in log]
    assert kinds.index("speak-start") < kinds.index("speak-end")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#history li"))
    assert "panel speaking" in browser.find_element(By.CSS_SELECTOR, "#history li").text
    assert console_errors(browser) == []


def test_queue_controls_change_the_queue(web, browser):
    server = web["server"]
    api(server, "POST", "/api/queue/pause")
    browser.get(server.base_url + "/?lang=en")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    browser.find_element(By.CSS_SELECTOR, "[data-tab=queue]").click()
    for index, text in enumerate(["first in line", "second in line"]):
        api(server, "POST", "/api/danmaku/enqueue", {"id": f"q{index}", "username": f"viewer{index}", "content": {"Text": text}})
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'queue' && e.items.length === 2 && e.paused)")
    browser.find_element(By.CSS_SELECTOR, "#queue-items li[data-id=q0] button").click()
    wait_for_log(browser, "panelLog", "entries.length && entries.filter(e => e.type === 'queue').at(-1).items.join() === 'q1'")
    browser.find_element(By.ID, "queue-clear").click()
    wait_for_log(browser, "panelLog", "entries.filter(e => e.type === 'queue').at(-1).items.length === 0")
    browser.find_element(By.ID, "queue-resume").click()
    wait_for_log(browser, "panelLog", "entries.filter(e => e.type === 'queue').at(-1).paused === false")
    snapshot = json.loads(api(server, "GET", "/api/queue")[1])
    assert snapshot["paused"] is False and snapshot["items"] == []
    assert console_errors(browser) == []


def test_the_overlay_plays_chat_in_order_with_captions_stops_on_skip_and_survives_a_restart(web, browser):
    server = web["server"]
    api(server, "POST", "/api/queue/pause")
    browser.get(server.base_url + "/overlay?position=bottom&size=28&captions=on")
    wait_for_log(browser, "overlayLog", "entries.some(e => e.type === 'connected')")
    assert browser.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgba(0, 0, 0, 0)"
    lines = [("o1", "Alice", "#FF0000", "first message"), ("o2", "Bob", "#00FF00", "second message"), ("o3", "Carol", "#0000FF", "third message")]
    for item_id, name, color, text in lines:
        api(server, "POST", "/api/danmaku/enqueue", {"id": item_id, "username": name.lower(), "content": {"Text": text},
                                                     "metadata": {"display_name": name, "color": color}})
    api(server, "POST", "/api/queue/resume")
    log = wait_for_log(browser, "overlayLog", "entries.filter(e => e.type === 'end').length >= 3")
    starts = [entry for entry in log if entry["type"] == "start"]
    ends = [entry for entry in log if entry["type"] == "end"]
    assert [entry["id"] for entry in starts] == ["o1", "o2", "o3"]
    assert [entry["id"] for entry in ends] == ["o1", "o2", "o3"]
    for previous_end, next_start in zip(ends, starts[1:]):
        assert next_start["at"] >= previous_end["at"], "an item started before the one before it ended"
    for (_, name, color, text), start in zip(lines, starts):
        assert (start["name"], start["text"]) == (name, text)
        red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
        assert start["color"] == f"rgb({red}, {green}, {blue})"

    # Skip stops the playing item at once.
    api(server, "POST", "/api/danmaku/enqueue",
        {"id": "long", "username": "dave", "content": {"Text": "this is a rather long message " * 4}})
    wait_for_log(browser, "overlayLog", "entries.some(e => e.type === 'start' && e.id === 'long')")
    screenshot(browser, "overlay")
    api(server, "POST", "/api/queue/skip")
    log = wait_for_log(browser, "overlayLog", "entries.some(e => e.type === 'stop' && e.id === 'long')")
    assert not any(entry["type"] == "end" and entry["id"] == "long" for entry in log)
    assert browser.execute_script("return document.getElementById('caption').hidden") is True

    # A restart: the overlay reconnects by itself, plays what comes next, and never replays the old items.
    web["restart"]()
    server = web["server"]
    wait_for_log(browser, "overlayLog", "entries.filter(e => e.type === 'connected').length >= 2", timeout=120)
    api(server, "POST", "/api/danmaku/enqueue", {"id": "after", "username": "erin", "content": {"Text": "back again"}})
    log = wait_for_log(browser, "overlayLog", "entries.some(e => e.type === 'end' && e.id === 'after')")
    played = [entry["id"] for entry in log if entry["type"] == "start"]
    assert played == ["o1", "o2", "o3", "long", "after"]
    assert console_errors(browser) == []
