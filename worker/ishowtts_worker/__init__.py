"""iShowTTS GPU worker: the official F5-TTS model behind a fast sampler, spoken to over stdio.

See docs/WORKER_PROTOCOL.md for the wire contract and `server.py` for the entry point.
"""

__version__ = "0.1.0"
PROTOCOL_VERSION = 1
