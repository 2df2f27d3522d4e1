"""A real `ishowtts serve` for API tests: the built binary, a temporary data directory, loopback only.

The server reports its address through systemd's notify protocol (``NOTIFY_SOCKET``), so the tests wait on that
state, never on log text or a sleep.
"""
import os
import pathlib
import socket
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "ishowtts"
VOICE = ROOT / "models" / "piper" / "en_US-joe-medium.onnx"


class Server:
    def __init__(self, process: subprocess.Popen, address: str, log: pathlib.Path):
        self.process = process
        self.address = address
        self.base_url = f"http://{address}"
        self.log = log


def start_server(directory: pathlib.Path, extra_toml: str = "", extra_environment: dict | None = None) -> Server:
    """Starts the server with the CPU voice as `joe`, noise off so equal requests give equal audio."""
    config = directory / "ishowtts.toml"
    empty_catalog = directory / "voices.json"
    empty_catalog.write_text("{}")
    config.write_text(
        f"""
bind_addr = "127.0.0.1:0"
default_voice = "joe"
data_dir = "{directory / 'data'}"
log_level = "info"

[piper]
noise_scale = 0.0
noise_w = 0.0

[[piper.voices]]
id = "joe"
model = "{VOICE}"

# Every outside address points at a closed port here: whatever a fuzzed request starts, nothing leaves 127.0.0.1.
[twitch]
server = "127.0.0.1:9"
tls = false
client_id = "test-client"
eventsub_url = "ws://127.0.0.1:9/ws"
helix_url = "http://127.0.0.1:9/helix"
auth_url = "http://127.0.0.1:9/oauth2"

[youtube]
api_url = "http://127.0.0.1:9/youtube/v3"
api_key = "test-key"
client_id = "test-client"
client_secret = "test-secret"
device_code_url = "http://127.0.0.1:9/device/code"
token_url = "http://127.0.0.1:9/token"

# An empty local catalog: listing works, and installing asks nothing outside this machine.
[models]
piper_catalog_url = "file://{empty_catalog}"
piper_files_url = "file://{directory}"
hub_url = "http://127.0.0.1:9/hub"
{extra_toml}
"""
    )
    notify_path = directory / "notify.sock"
    notify_path.unlink(missing_ok=True)  # left by an earlier start in the same folder (a restart)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(notify_path))
    notify.settimeout(300)
    log = directory / "server.log"
    environment = {**os.environ, "NOTIFY_SOCKET": str(notify_path), "ISHOWTTS__API__WEB_DIR": str(ROOT / "web"), **(extra_environment or {})}
    process = subprocess.Popen(
        [str(BINARY), "serve", "--config", str(config)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env=environment,
    )
    try:
        while True:
            message = notify.recv(4096).decode()
            fields = dict(line.split("=", 1) for line in message.splitlines() if "=" in line)
            if fields.get("READY") == "1":
                address = fields["STATUS"].removeprefix("listening on ")
                return Server(process, address, log)
    except Exception:
        process.kill()
        raise
    finally:
        notify.close()


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server():
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: run `swift build` first (make test does)")
    with tempfile.TemporaryDirectory(prefix="ishowtts-api-") as directory:
        running = start_server(pathlib.Path(directory), '\n[api]\nopenai_voices = { alloy = "joe" }\n')
        yield running
        stop_server(running)
