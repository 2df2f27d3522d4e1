"""`/v1/audio/speech` through OpenAI's own Python client: every format, streamed and whole, and SSE.

Each format's decoded audio is compared with the WAV of the same request (Piper's noise is off, so equal requests
give equal audio): lossless formats sample for sample; lossy ones, after resampling the WAV to the codec's rate and
skipping the encoder's start-up delay, within one codec frame of length and with correlation >= 0.9.
"""
import base64
import io
import json

import av
import numpy as np
import openai
import pytest
import soxr

TEXT = "Hello chat, thanks for the follow! Twenty three people are watching right now."
# Samples per codec frame at the decoded rate: MP3 1152; Opus 20 ms.
FRAME = {"mp3": lambda rate: 1152, "opus": lambda rate: rate // 50}


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=f"{server.base_url}/v1", api_key="unused", max_retries=0)


def speak(client, response_format, **extra):
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=TEXT, response_format=response_format, **extra
    ) as response:
        return response.headers, response.read()


def decode(data: bytes, response_format: str, headers) -> tuple[np.ndarray, int]:
    """Float samples in [-1, 1] and their rate, decoded by FFmpeg (what browsers and most clients use) for files."""
    if response_format == "pcm":
        rate = int(dict(p.split("=") for p in headers["content-type"].split(";")[1:])["rate"])
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768, rate
    with av.open(io.BytesIO(data)) as container:
        frames = list(container.decode(audio=0))
    rate = frames[0].sample_rate
    samples = np.concatenate([frame.to_ndarray().reshape(-1) for frame in frames])
    if samples.dtype == np.int16:
        samples = samples.astype(np.float32) / 32768
    return samples.astype(np.float32), rate


@pytest.fixture(scope="module")
def reference(client):
    headers, data = speak(client, "wav")
    assert headers["content-type"] == "audio/wav"
    # A streamed WAV says "length unknown" (0xFFFFFFFF); read its samples after the 44-byte header.
    assert data[4:8] == b"\xff\xff\xff\xff"
    rate = int.from_bytes(data[24:28], "little")
    return np.frombuffer(data[44:], dtype="<i2").astype(np.float32) / 32768, rate


def best_lag(reference: np.ndarray, candidate: np.ndarray, max_lag: int) -> tuple[float, int]:
    best = (-1.0, 0)
    for lag in range(max_lag + 1):
        n = min(len(reference), len(candidate) - lag)
        a, b = reference[:n], candidate[lag : lag + n]
        correlation = float(np.dot(a, b) / np.sqrt(np.dot(a, a) * np.dot(b, b)))
        if correlation > best[0]:
            best = (correlation, lag)
    return best


@pytest.mark.parametrize("response_format", ["flac", "pcm"])
def test_lossless_formats_hold_the_wav_samples(client, reference, response_format):
    headers, data = speak(client, response_format)
    samples, rate = decode(data, response_format, headers)
    wav, wav_rate = reference
    expected = wav if rate == wav_rate else soxr.resample(wav, wav_rate, rate)
    if rate == wav_rate:
        assert np.array_equal(samples, expected)
    else:
        # Raw PCM goes out at 24 kHz, OpenAI's rate; resampled by another implementation, it must agree closely.
        assert abs(len(samples) - len(expected)) <= 2
        correlation, lag = best_lag(expected, samples, 8)
        assert correlation >= 0.99 and lag <= 2


@pytest.mark.parametrize("response_format", ["mp3", "opus"])
def test_lossy_formats_match_the_wav(client, reference, response_format):
    headers, data = speak(client, response_format)
    assert headers["content-type"] == {"mp3": "audio/mpeg", "opus": "audio/ogg"}[response_format]
    samples, rate = decode(data, response_format, headers)
    wav, wav_rate = reference
    expected = soxr.resample(wav, wav_rate, rate) if rate != wav_rate else wav
    frame = FRAME[response_format](rate)
    correlation, lag = best_lag(expected, samples, 4 * frame)
    assert correlation >= 0.9, f"correlation {correlation:.3f} at lag {lag}"
    assert abs(len(samples) - lag - len(expected)) <= frame


def test_whole_file_on_request_has_its_length(client, reference):
    """Kokoro-FastAPI's `stream: false`: one file with Content-Length and real WAV sizes (the text is rendered in
    full-size pieces, so its pauses, and length, may differ a little from the streamed reading)."""
    headers, data = speak(client, "wav", extra_body={"stream": False})
    assert int(headers["content-length"]) == len(data)
    assert int.from_bytes(data[4:8], "little") == len(data) - 8
    assert int.from_bytes(data[40:44], "little") == len(data) - 44
    samples, rate = decode(data, "wav", headers)
    wav, wav_rate = reference
    assert rate == wav_rate and abs(len(samples) - len(wav)) < 0.2 * len(wav)


def test_sse_deltas_concatenate_to_the_file(client, reference):
    headers, data = speak(client, "pcm", stream_format="sse")
    assert headers["content-type"].startswith("text/event-stream")
    events = [json.loads(line[len("data: ") :]) for line in data.decode().splitlines() if line.startswith("data: ")]
    assert [event["type"] for event in events[-1:]] == ["speech.audio.done"]
    assert all(event["type"] == "speech.audio.delta" for event in events[:-1]) and len(events) > 1
    usage = events[-1]["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    pcm = b"".join(base64.b64decode(event["audio"]) for event in events[:-1])
    _, whole = speak(client, "pcm")
    assert pcm == whole


def test_speed_and_instructions_are_accepted(client, reference):
    _, data = speak(client, "pcm", speed=2.0, instructions="Speak like a pirate.")
    fast = np.frombuffer(data, dtype="<i2")
    wav, wav_rate = reference
    normal_seconds = len(wav) / wav_rate
    # Twice as fast: clearly shorter than the normal reading (pauses do not scale exactly).
    assert len(fast) / 24_000 < 0.7 * normal_seconds


def test_models_and_voices_are_listed(client, server):
    assert {"tts-1", "tts-1-hd", "gpt-4o-mini-tts"} <= {model.id for model in client.models.list()}
    voices = client.get("/audio/voices", cast_to=object)
    assert {"id": "joe", "name": "joe", "engine": "piper", "language": "en-US"} in voices["voices"]


def test_errors_come_in_openais_shape(client):
    with pytest.raises(openai.BadRequestError) as error:
        speak(client, "aac")
    assert error.value.param == "response_format" and error.value.code == "unsupported_response_format"
    assert error.value.body["type"] == "invalid_request_error"
    with pytest.raises(openai.BadRequestError) as error:
        speak(client, "mp3", speed=9.0)
    assert error.value.param == "speed"
    with pytest.raises(openai.NotFoundError) as error:
        client.audio.speech.create(model="tts-1", voice="nobody", input="hi")
    assert error.value.param == "voice" and error.value.code == "unknown_voice"
