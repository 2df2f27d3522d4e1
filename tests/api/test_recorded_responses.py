"""Every response the Swift suite received through its test server, validated against the OpenAPI document.

The Swift tests run first in `make test`; their test client (`RecordingTestClient`) writes each response's method,
path, status, content type and JSON body to `.build/api-responses.jsonl`. Each must be documented: its status (or a
`default`), its media type, and a JSON body that the operation's schema accepts. A path no route serves must have
been answered 404.
"""
import json
import pathlib
import re
import urllib.request

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parents[2]
RECORDED = ROOT / ".build" / "api-responses.jsonl"


def operations(document):
    """(pattern, path template, path item) for every documented path, literal paths first."""
    compiled = []
    for template, item in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$")
        compiled.append((template.count("{"), pattern, template, item))
    return [entry[1:] for entry in sorted(compiled, key=lambda entry: entry[0])]


def resolve(document, node):
    while isinstance(node, dict) and "$ref" in node:
        target = document
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_every_recorded_response_matches_the_document(server):
    assert RECORDED.exists(), f"{RECORDED} is missing: run the Swift tests first (make test does)"
    records = [json.loads(line) for line in RECORDED.read_text().splitlines() if line.strip()]
    assert len(records) > 50, f"only {len(records)} responses were recorded"
    with urllib.request.urlopen(f"{server.base_url}/openapi.json") as response:
        document = json.load(response)
    known = operations(document)
    problems = []
    checked = 0
    for record in records:
        where = f"{record['method']} {record['path']} → {record['status']}"
        match = next(((template, item) for pattern, template, item in known if pattern.match(record["path"])), None)
        if match is None:
            if record["status"] != 404:
                problems.append(f"{where}: no documented path, yet not a 404")
            continue
        template, item = match
        operation = item.get(record["method"].lower())
        if operation is None:
            if record["status"] not in (404, 405):
                problems.append(f"{where}: {record['method']} is not documented for {template}")
            continue
        responses = operation["responses"]
        spec = resolve(document, responses.get(str(record["status"])) or responses.get("default"))
        if spec is None:
            problems.append(f"{where}: status not documented")
            continue
        media = record.get("content_type", "").split(";")[0].strip()
        content = spec.get("content", {})
        if media and content and media not in content:
            problems.append(f"{where}: {media} is not among {sorted(content)}")
            continue
        if "body" in record and media in content:
            schema = dict(content[media]["schema"], components=document["components"])
            try:
                jsonschema.validate(json.loads(record["body"]), schema, cls=jsonschema.Draft202012Validator)
            except jsonschema.ValidationError as error:
                problems.append(f"{where}: {error.message} at {list(error.absolute_path)}")
                continue
        checked += 1
    assert not problems, f"{len(problems)} of {len(records)} responses break the document:\n" + "\n".join(sorted(set(problems))[:40])
    assert checked > 50
