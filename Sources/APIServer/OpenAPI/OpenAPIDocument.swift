/// The OpenAPI 3.1 document of every route, served at `GET /openapi.json`.
///
/// Written by hand and kept honest by tests: `OpenAPIDocumentTests` checks that every (method, path) of the routers
/// is documented and every documented one is routed, `make test` validates it with `openapi-spec-validator`, and
/// `tests/api/test_openapi_contract.py` fuzzes the running server against it with schemathesis.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "iShowTTS",
            "version": "1.0.0",
            "description": "Local, low-latency text-to-speech for livestreamers: the original iShowTTS API under /api, OpenAI's speech API under /v1. With API keys configured, send `Authorization: Bearer KEY` (or `?key=KEY`); player keys reach only the playback streams, events and queued audio."
          },
          "servers": [{"url": "http://127.0.0.1:27121"}],
          "security": [{"bearer": []}, {"queryKey": []}, {}],
          "paths": {
            "/api/health": {
              "get": {
                "operationId": "health", "summary": "Server and engine health (open without a key)", "security": [{}],
                "responses": {"200": {"description": "Health", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/voices": {
              "get": {
                "operationId": "listVoices", "summary": "Every voice of every engine, configured and cloned",
                "responses": {"200": {"description": "Voices", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Voice"}}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "post": {
                "operationId": "cloneVoice", "summary": "Clone a voice from an uploaded clip (WAV, FLAC, Ogg Opus/Vorbis, MP3; 2-60 s) and its transcript",
                "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {
                  "type": "object", "required": ["id", "audio", "reference_text"],
                  "properties": {
                    "id": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,64}$"}, "name": {"type": "string"}, "engine": {"type": "string"},
                    "language": {"type": "string"}, "reference_text": {"type": "string"}, "audio": {"type": "string", "contentMediaType": "application/octet-stream"}
                  }
                }}}},
                "responses": {"201": {"description": "The new voice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Voice"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/voices/{id}": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {
                "operationId": "getVoice", "summary": "One voice",
                "responses": {"200": {"description": "The voice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Voice"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "patch": {
                "operationId": "updateVoice", "summary": "Rename a cloned voice, or change its language or transcript (re-cloned from its stored clip)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
                  "name": {"type": "string"}, "language": {"type": "string"}, "reference_text": {"type": "string"}
                }}}}},
                "responses": {"200": {"description": "The voice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Voice"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "delete": {
                "operationId": "deleteVoice", "summary": "Delete a cloned voice (configured voices cannot be deleted: 409)",
                "responses": {"204": {"description": "Deleted"}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/voices/{id}/preview": {
              "get": {
                "operationId": "previewVoice", "summary": "A short sample of the voice as WAV (made once, then replayed from the audio cache)",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "WAV", "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/voices/{id}/reference": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
              "get": {
                "operationId": "voiceReference", "summary": "A cloned voice's reference: baseline, override and what is in use (the original's shape)",
                "responses": {"200": {"$ref": "#/components/responses/VoiceReference"}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "post": {
                "operationId": "overrideVoiceReference", "summary": "Replace the reference clip, its transcript, or both (multipart audio and/or text)",
                "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
                  "text": {"type": "string"}, "audio": {"type": "string", "contentMediaType": "application/octet-stream"}
                }}}}},
                "responses": {"200": {"$ref": "#/components/responses/VoiceReference"}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "delete": {
                "operationId": "resetVoiceReference", "summary": "Drop the override: the voice speaks with its baseline reference again",
                "responses": {"200": {"$ref": "#/components/responses/VoiceReference"}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/voices/{id}/reference/audio": {
              "get": {
                "operationId": "voiceReferenceAudio", "summary": "The baseline or override clip, with its real content type",
                "parameters": [
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "source", "in": "query", "required": true, "schema": {"enum": ["baseline", "override"]}}
                ],
                "responses": {"200": {"description": "The clip", "content": {
                  "audio/wav": {"schema": {"type": "string", "format": "binary"}}, "audio/flac": {"schema": {"type": "string", "format": "binary"}},
                  "audio/ogg": {"schema": {"type": "string", "format": "binary"}}, "audio/mpeg": {"schema": {"type": "string", "format": "binary"}},
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                }}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/tts": {
              "post": {
                "operationId": "synthesize", "summary": "Whole utterance as base64 WAV inside JSON (the original's shape)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TTSRequest"}}}},
                "responses": {"200": {"description": "The audio", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TTSResponse"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/tts/stream": {
              "post": {
                "operationId": "synthesizeStream", "summary": "Chunked WAV (length unknown in its header), each sentence as it is ready",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TTSRequest"}}}},
                "responses": {"200": {"description": "Streamed audio", "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/danmaku/start": {
              "post": {
                "operationId": "startChat", "summary": "Start reading a Twitch channel or a YouTube stream",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatSourceRequest"}}}},
                "responses": {"202": {"description": "Joining", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/danmaku/stop": {
              "post": {
                "operationId": "stopChat", "summary": "Stop reading a Twitch channel or a YouTube stream",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatSourceRequest"}}}},
                "responses": {
                  "200": {"description": "Was not joined", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                  "202": {"description": "Leaving", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                  "default": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/danmaku/enqueue": {
              "post": {
                "operationId": "enqueueChat", "summary": "Queue a chat message as if a chat source had read it",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EnqueueRequest"}}}},
                "responses": {
                  "202": {"description": "Queued (on disk)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                  "204": {"description": "Filtered; X-Filter-Reason says why"},
                  "default": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/api/danmaku/stream": {
              "get": {
                "operationId": "playbackSocket", "summary": "WebSocket: the original's playback packets, one item at a time (an upgrade request)",
                "responses": {"101": {"description": "Switching to the WebSocket protocol"}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/sources": {
              "get": {
                "operationId": "listSources", "summary": "Chat sources and their states, the Twitch channels joined, the YouTube streams read and the day's YouTube quota",
                "responses": {"200": {"description": "Sources", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Sources"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/auth/{provider}": {
              "parameters": [{"name": "provider", "in": "path", "required": true, "schema": {"type": "string", "enum": ["twitch", "youtube"]}, "description": "The platform (configured sign-ins only: [twitch] or [youtube] client_id)"}],
              "get": {
                "operationId": "signInStatus", "summary": "Where the platform sign-in stands (never a token)",
                "responses": {"200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SignInStatus"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "post": {
                "operationId": "startSignIn", "summary": "Start the device flow: the answer has the code to enter at the verification address; the server waits for it (502 when the platform cannot be reached, 404 when no client_id is set)",
                "responses": {"202": {"description": "Waiting for the code", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SignInStatus"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "delete": {
                "operationId": "signOut", "summary": "Forget the stored sign-in",
                "responses": {"200": {"description": "Signed out", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SignInStatus"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/models": {
              "get": {
                "operationId": "listInstallableModels", "summary": "Models that can be installed by name: the Piper voice catalog's voices and the F5-TTS weights (502 when the catalog cannot be read)",
                "parameters": [{"name": "language", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Only models speaking this language (zh, en-GB)"}],
                "responses": {"200": {"description": "The catalog", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InstallableModels"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/models/installed": {
              "get": {
                "operationId": "listInstalledModels", "summary": "Models installed in data_dir/models",
                "responses": {"200": {"description": "Installed models", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/models/install": {
              "post": {
                "operationId": "installModel", "summary": "Install a model (and what it requires) in the background: progress on /api/models/events; an installed Piper voice is usable at once, F5 weights at the next start. 400 until accept_license is true (the message shows the licence)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["name"],
                  "properties": {"name": {"type": "string"}, "accept_license": {"type": "boolean"}}
                }}}},
                "responses": {"202": {"description": "Installing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/models/{name}": {
              "delete": {
                "operationId": "removeModel", "summary": "Remove an installed model (409 for the default voice or a voice of the configuration file)",
                "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Removed", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModelEvent"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/models/events": {
              "get": {
                "operationId": "modelEvents", "summary": "Server-Sent Events: installation progress (downloading, verifying), installed, ready (usable), failed, removed",
                "responses": {"200": {"description": "An event stream of ModelEvent objects", "content": {"text/event-stream": {"schema": {"type": "string"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/queue": {
              "get": {
                "operationId": "queue", "summary": "What is speaking and what waits",
                "responses": {"200": {"description": "The queue", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/queue/pause": {"post": {"operationId": "pauseQueue", "summary": "Pause speaking (kept across restarts)", "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}}},
            "/api/queue/resume": {"post": {"operationId": "resumeQueue", "summary": "Resume speaking", "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}}},
            "/api/queue/skip": {"post": {"operationId": "skipCurrent", "summary": "Stop the item speaking now", "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}}},
            "/api/queue/clear": {"post": {"operationId": "clearQueue", "summary": "Remove every waiting item and stop the current one", "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}}},
            "/api/queue/{id}": {
              "delete": {
                "operationId": "removeItem", "summary": "Remove one item (a deleted chat message)",
                "parameters": [{"$ref": "#/components/parameters/ItemID"}],
                "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/queue/users/{login}": {
              "delete": {
                "operationId": "removeUser", "summary": "Remove every item of one user",
                "parameters": [{"name": "login", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Done"}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/queue/{id}/audio": {
              "get": {
                "operationId": "itemAudio", "summary": "A queued or speaking item's rendered audio",
                "parameters": [{"$ref": "#/components/parameters/ItemID"}],
                "responses": {"200": {"description": "WAV", "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/gateway/settings": {
              "get": {
                "operationId": "gatewaySettings", "summary": "The chat rules in effect",
                "responses": {"200": {"description": "Rules", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              },
              "put": {
                "operationId": "updateGatewaySettings", "summary": "Change some chat rules (saved; errors name the field)",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}},
                "responses": {"200": {"description": "Rules", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/api/events": {
              "get": {
                "operationId": "events", "summary": "The playback timeline as Server-Sent Events (resumable with Last-Event-ID or ?since=), or as a WebSocket when the request is an upgrade",
                "parameters": [{"name": "since", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0}}],
                "responses": {
                  "101": {"description": "Switching to the WebSocket protocol"},
                  "200": {"description": "Event stream: each event's data is one timeline event", "content": {"text/event-stream": {"schema": {"$ref": "#/components/schemas/TimelineServerSentEvent"}}}},
                  "default": {"$ref": "#/components/responses/Error"}
                }
              }
            },
            "/v1/audio/speech": {
              "post": {
                "operationId": "createSpeech", "summary": "OpenAI's speech API: audio as it is synthesized, or SSE deltas",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SpeechRequest"}}}},
                "responses": {
                  "200": {"description": "Audio in the requested format, or events", "content": {
                    "audio/mpeg": {"schema": {"type": "string", "format": "binary"}},
                    "audio/ogg": {"schema": {"type": "string", "format": "binary"}},
                    "audio/flac": {"schema": {"type": "string", "format": "binary"}},
                    "audio/wav": {"schema": {"type": "string", "format": "binary"}},
                    "audio/pcm": {"schema": {"type": "string", "format": "binary"}},
                    "text/event-stream": {"schema": {"$ref": "#/components/schemas/SpeechServerSentEvent"}}
                  }},
                  "default": {"$ref": "#/components/responses/OpenAIError"}
                }
              }
            },
            "/v1/models": {
              "get": {
                "operationId": "listModels", "summary": "Model names clients may send (any is accepted)",
                "responses": {"200": {"description": "Models", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ModelList"}}}}, "default": {"$ref": "#/components/responses/OpenAIError"}}
              }
            },
            "/v1/audio/voices": {
              "get": {
                "operationId": "listSpeechVoices", "summary": "Voices in the shape Open WebUI reads",
                "responses": {"200": {"description": "Voices", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SpeechVoiceList"}}}}, "default": {"$ref": "#/components/responses/OpenAIError"}}
              }
            },
            "/metrics": {
              "get": {
                "operationId": "metrics", "summary": "Prometheus text exposition (admin)",
                "responses": {"200": {"description": "Metrics", "content": {"text/plain": {"schema": {"type": "string"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/": {
              "get": {
                "operationId": "controlPanel", "summary": "The control panel: a web page (its scripts and styles are under /ui/); it asks for a key when the server needs one",
                "responses": {"200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/overlay": {
              "get": {
                "operationId": "overlay", "summary": "The OBS overlay: a transparent page that plays the playback timeline with captions (?key=, volume, captions, position, size, font, width, max_caption_s)",
                "responses": {"200": {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi", "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}, "default": {"$ref": "#/components/responses/Error"}}
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearer": {"type": "http", "scheme": "bearer"},
              "queryKey": {"type": "apiKey", "in": "query", "name": "key"}
            },
            "parameters": {
              "ItemID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
            },
            "responses": {
              "VoiceReference": {"description": "A voice's reference", "content": {"application/json": {"schema": {
                "type": "object", "required": ["voice_id", "engine", "engine_label", "baseline_audio_available", "override_audio_available"],
                "properties": {
                  "voice_id": {"type": "string"}, "engine": {"type": "string"}, "engine_label": {"type": "string"}, "language": {"type": "string"},
                  "active_reference_text": {"type": "string"}, "baseline_reference_text": {"type": "string"}, "override_reference_text": {"type": "string"},
                  "baseline_audio_available": {"type": "boolean"}, "override_audio_available": {"type": "boolean"}, "override_updated_at": {"type": "string"}
                }
              }}}},
              "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "OpenAIError": {"description": "An error in OpenAI's shape", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OpenAIError"}}}},
              "Done": {"description": "Done", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Object"}}}}
            },
            "schemas": {
              "Object": {"type": "object"},
              "Error": {
                "type": "object", "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                  "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}
                }}}
              },
              "OpenAIError": {
                "type": "object", "required": ["error"],
                "properties": {"error": {"type": "object", "required": ["message", "type", "param", "code"], "properties": {
                  "message": {"type": "string"}, "type": {"type": "string"}, "param": {"type": ["string", "null"]}, "code": {"type": "string"}
                }}}
              },
              "Health": {
                "type": "object", "required": ["status", "voices", "default_voice", "engines"],
                "properties": {
                  "status": {"type": "string"}, "voices": {"type": "integer"}, "default_voice": {"type": "string"},
                  "engines": {"type": "array", "items": {"type": "object", "required": ["engine", "status", "detail"], "properties": {
                    "engine": {"type": "string"}, "status": {"enum": ["ok", "degraded", "unavailable"]}, "detail": {"type": "string"}
                  }}}
                }
              },
              "InstallableModels": {
                "type": "object", "required": ["models"],
                "properties": {"models": {"type": "array", "items": {"type": "object", "required": ["name", "kind", "languages", "summary", "requires", "installed"], "properties": {
                  "name": {"type": "string"}, "kind": {"enum": ["piper_voice", "f5_checkpoint", "vocoder"]}, "languages": {"type": "array", "items": {"type": "string"}},
                  "quality": {"type": "string"}, "summary": {"type": "string"}, "license": {"type": "string"}, "requires": {"type": "array", "items": {"type": "string"}},
                  "size_bytes": {"type": "integer"}, "installed": {"type": "boolean"}
                }}}}
              },
              "ModelEvent": {
                "type": "object", "required": ["name", "state", "bytes"],
                "properties": {
                  "name": {"type": "string"}, "state": {"enum": ["downloading", "verifying", "installed", "ready", "failed", "removed"]},
                  "bytes": {"type": "integer"}, "total_bytes": {"type": "integer"}, "detail": {"type": "string"}
                }
              },
              "Voice": {
                "type": "object", "required": ["id", "engine", "engine_label", "language", "sample_rate"],
                "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"}, "source": {"enum": ["configuration", "library", "installed"]}, "engine": {"type": "string"}, "engine_label": {"type": "string"},
                  "language": {"type": "string"}, "languages": {"type": "array", "items": {"type": "string"}, "description": "Every language the voice speaks (BCP 47); chat is routed by them"},
                  "sample_rate": {"type": "integer"}, "reference_text": {"type": "string"}
                }
              },
              "TTSRequest": {
                "type": "object", "required": ["text"],
                "properties": {
                  "text": {"type": "string"}, "voice_id": {"type": "string"}, "engine": {"type": "string"},
                  "speed": {"type": "number", "minimum": 0.25, "maximum": 4},
                  "target_rms": {"type": "number"}, "cross_fade_duration": {"type": "number"}, "sway_sampling_coef": {"type": "number"},
                  "cfg_strength": {"type": "number"}, "nfe_step": {"type": "integer"}, "fix_duration": {"type": "number"},
                  "remove_silence": {"type": "boolean"}, "normalize": {"type": "boolean"}, "seed": {"type": "integer", "minimum": 0}
                }
              },
              "TTSResponse": {
                "type": "object", "required": ["request_id", "voice_id", "engine", "engine_label", "sample_rate", "audio_base64", "waveform_len", "format"],
                "properties": {
                  "request_id": {"type": "string"}, "voice_id": {"type": "string"}, "engine": {"type": "string"}, "engine_label": {"type": "string"},
                  "sample_rate": {"type": "integer"}, "audio_base64": {"type": "string"}, "waveform_len": {"type": "integer"}, "format": {"const": "wav"}
                }
              },
              "ChatSourceRequest": {
                "type": "object", "required": ["platform", "channel"],
                "properties": {
                  "platform": {"type": "string", "description": "twitch or youtube"},
                  "channel": {"type": "string", "description": "Twitch: a login, #name or twitch.tv address. YouTube: a video id, a watch/live/youtu.be address, or mine (the signed-in channel's broadcast)"},
                  "voice_id": {"type": "string"}
                }
              },
              "SourceState": {"type": "string", "enum": ["connecting", "connected", "reconnecting", "auth_failed", "ended", "quota_exhausted", "stopped"]},
              "Sources": {
                "type": "object", "required": ["sources", "twitch_channels", "twitch_transport", "youtube"],
                "properties": {
                  "sources": {"type": "array", "items": {
                    "type": "object", "required": ["platform", "state"],
                    "properties": {"platform": {"type": "string"}, "channel": {"type": "string"}, "state": {"$ref": "#/components/schemas/SourceState"}, "detail": {"type": "string"}}
                  }},
                  "twitch_channels": {"type": "array", "items": {"type": "string"}},
                  "twitch_transport": {"type": "string", "enum": ["irc", "eventsub"], "description": "What reads Twitch now"},
                  "youtube": {
                    "type": "object", "required": ["streams", "quota"],
                    "properties": {
                      "streams": {"type": "array", "items": {
                        "type": "object", "required": ["stream", "state"],
                        "properties": {
                          "stream": {"type": "string"}, "video_id": {"type": "string"}, "state": {"$ref": "#/components/schemas/SourceState"},
                          "detail": {"type": "string"}, "poll_interval_ms": {"type": "integer"}
                        }
                      }},
                      "quota": {
                        "type": "object", "required": ["daily", "used", "remaining", "resets_at"],
                        "properties": {"daily": {"type": "integer"}, "used": {"type": "integer"}, "remaining": {"type": "integer"}, "resets_at": {"type": "string", "format": "date-time"}}
                      }
                    }
                  }
                }
              },
              "SignInStatus": {
                "type": "object", "required": ["provider", "status"],
                "properties": {
                  "provider": {"type": "string"},
                  "status": {"type": "string", "enum": ["signed_out", "pending", "signed_in", "failed"]},
                  "account": {"type": "string"}, "user_code": {"type": "string"}, "verification_uri": {"type": "string"},
                  "expires_at": {"type": "string", "format": "date-time"}, "detail": {"type": "string"}
                }
              },
              "EnqueueRequest": {
                "type": "object", "required": ["username", "content"],
                "properties": {
                  "id": {"type": "string"}, "platform": {"type": "string"}, "channel": {"type": "string"}, "user_id": {"type": "string"},
                  "username": {"type": "string"}, "priority": {"type": "string"},
                  "content": {"oneOf": [{"type": "string"}, {"type": "object"}]},
                  "metadata": {"type": "object"}
                }
              },
              "SpeechRequest": {
                "type": "object", "required": ["model", "input"],
                "properties": {
                  "model": {"type": "string"}, "input": {"type": "string"}, "voice": {"type": "string"},
                  "response_format": {"enum": ["mp3", "opus", "flac", "wav", "pcm"]},
                  "speed": {"type": "number", "minimum": 0.25, "maximum": 4},
                  "instructions": {"type": "string", "maxLength": 4096},
                  "stream_format": {"enum": ["audio", "sse"]},
                  "stream": {"type": "boolean"}
                }
              },
              "SpeechServerSentEvent": {
                "description": "One Server-Sent Event; its data is a SpeechEvent in JSON",
                "type": "object", "required": ["data"],
                "properties": {"data": {"type": "string", "contentMediaType": "application/json", "contentSchema": {"$ref": "#/components/schemas/SpeechEvent"}}, "event": {"type": "string"}}
              },
              "TimelineServerSentEvent": {
                "description": "One Server-Sent Event of the playback timeline: id is its sequence number, event its kind, data the event in JSON",
                "type": "object",
                "properties": {"id": {"type": "string"}, "event": {"type": "string"}, "data": {"type": "string", "contentMediaType": "application/json"}, "retry": {"type": "integer"}}
              },
              "SpeechEvent": {
                "type": "object", "required": ["type"],
                "properties": {
                  "type": {"enum": ["speech.audio.delta", "speech.audio.done"]}, "audio": {"type": "string", "contentEncoding": "base64"},
                  "usage": {"type": "object", "properties": {"input_tokens": {"type": "integer"}, "output_tokens": {"type": "integer"}, "total_tokens": {"type": "integer"}}}
                }
              },
              "ModelList": {
                "type": "object", "required": ["object", "data"],
                "properties": {"object": {"const": "list"}, "data": {"type": "array", "items": {"type": "object", "required": ["id", "object"], "properties": {
                  "id": {"type": "string"}, "object": {"const": "model"}, "created": {"type": "integer"}, "owned_by": {"type": "string"}
                }}}}
              },
              "SpeechVoiceList": {
                "type": "object", "required": ["voices"],
                "properties": {"voices": {"type": "array", "items": {"type": "object", "required": ["id", "name"], "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"}, "engine": {"type": "string"}, "language": {"type": "string"}
                }}}}
              }
            }
          }
        }
        """#
}
