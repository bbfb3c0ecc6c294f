"""Downloaded images live in a private temp folder that goes when the build's processes exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EDITION = {"title": "远程", "date": "2026-11-20", "language": "zh-CN", "sections": ["要闻"],
           "articles": [{"id": "p", "kind": "photo", "section": "要闻",
                         "blocks": [{"type": "figure", "src": "", "caption": "远程图片。"}]}]}


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one-process", "worker-processes"])
def test_downloaded_images_leave_no_temp_folder(loopback, tmp_path: Path, jobs: str) -> None:
    base_url, hits = loopback
    edition = json.loads(json.dumps(EDITION))
    edition["articles"][0]["blocks"][0]["src"] = f"{base_url}/photo.png"
    source = tmp_path / "remote.json"
    source.write_text(json.dumps(edition, ensure_ascii=False), encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    done = subprocess.run([sys.executable, "-m", "exporter", "build", str(source), "--allow-remote", "--to", "html,epub",
                           "-j", jobs, "-o", str(tmp_path / "out")], env={**os.environ, "TMPDIR": str(temp)},
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert hits and (tmp_path / "out" / "remote.epub").is_file()
    assert not list(temp.glob("exporter-remote-*"))
