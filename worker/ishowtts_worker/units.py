"""F5-TTS's audio units, defined once for the worker (the Swift side's home is TextPrep's `F5Duration`).

A protocol frame is one hop: a clip of n samples spans `n // HOP_LENGTH` frames, as official
`ref_audio_len = audio.shape[-1] // hop_length`. This module imports nothing, so the server can use it
before torch is loaded.
"""

SAMPLE_RATE = 24000
HOP_LENGTH = 256
