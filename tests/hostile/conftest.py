"""Shared by the hostile tests: a counting loopback server, edition and theme writers."""

from __future__ import annotations

import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

BASE = {"title": "青川日报", "date": "2026-11-20", "language": "zh-CN"}


def write(folder: Path, data: object, name: str = "edition.json") -> Path:
    """An edition JSON file (or any JSON) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def make_theme(folder: Path, name: str, toml: str, files: dict[str, str | bytes]) -> Path:
    """A user theme folder: theme.toml (name given) plus the files, text or bytes."""
    theme = folder / name
    theme.mkdir(parents=True)
    (theme / "theme.toml").write_text(f'name = "{name}"\n{toml}', encoding="utf-8")
    for rel, content in files.items():
        (theme / rel).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            (theme / rel).write_bytes(content)
        else:
            (theme / rel).write_text(content, encoding="utf-8")
    return theme


def png(width: int = 30, height: int = 20, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that answers every GET with a PNG and records the path."""
    body = png()
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
