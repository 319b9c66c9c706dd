"""``renja reconcile``: the W3C Reconciliation API (v0.2) over real HTTP on 127.0.0.1, with the
requests a client such as OpenRefine sends (``queries`` form-encoded, JSONP, suggest, preview)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from renja.app.reconcile import ReconcileService
from renja.app.reconcile_http import HOST, make_app
from renja.normalize.match import Matcher
from renja.normalize.nomenclature import load_nomenclature

from .conftest import SHARED, need

REFERENCE = SHARED / "reference" / "permendagri90"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    """A server on a free port of 127.0.0.1, in a thread, for the module's tests."""
    import uvicorn

    matcher = Matcher(load_nomenclature(need(REFERENCE)))
    port = free_port()
    url = f"http://{HOST}:{port}"
    config = uvicorn.Config(
        make_app(ReconcileService(matcher, url)), host=HOST, port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def get(url: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    if params:
        url += "?" + urllib.parse.urlencode(params)
    return _open(urllib.request.Request(url))


def post(url: str, **params: str) -> tuple[int, dict[str, str], bytes]:
    body = urllib.parse.urlencode(params).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    return _open(request)


def _open(request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
    request.add_header("Origin", "http://127.0.0.1:3333")  # OpenRefine's own origin
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_manifest_names_the_service_and_its_endpoints(base: str) -> None:
    status, headers, body = get(f"{base}/reconcile")
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    manifest = json.loads(body)
    assert manifest["versions"] == ["0.2"]
    assert manifest["name"] and manifest["identifierSpace"] and manifest["schemaSpace"]
    assert [t["id"] for t in manifest["defaultTypes"]] == ["sub_kegiatan", "kegiatan", "program"]
    assert manifest["preview"]["url"] == f"{base}/preview?id={{{{id}}}}"
    assert manifest["preview"]["width"] > 0 and manifest["preview"]["height"] > 0
    entity = manifest["suggest"]["entity"]
    assert (entity["service_url"], entity["service_path"]) == (base, "/suggest/entity")
    assert json.loads(get(f"{base}/")[2]) == manifest


def test_a_batch_of_queries_as_openrefine_posts_it(base: str) -> None:
    queries = {
        "q0": {"query": "Pembinaan Disiplin Pegawai", "type": "sub_kegiatan", "limit": 3,
               "type_strict": "should", "properties": [{"pid": "bidang", "v": "5.03"}]},
        "q1": {"query": "Penyediaan Gaji dan Tunjangan ASN",
               "properties": [{"pid": "within", "v": "5.03.01.2.02"}]},
        "q2": {"query": "Pembangunan Unit Sekolah Baru (USB)", "type": "sub_kegiatan"},
        "q3": {"query": "Pengadaan Mebel", "properties": [{"pid": "within", "v": "9.99"}]},
        "q4": {"query": "Penegakan Peraturan Daerah",
               "properties": [{"pid": "level", "v": {"id": "kegiatan", "name": "Kegiatan"}}]},
        "q5": {"query": "Koordinasi Penerapan dan Penegakan Qanun dan Peraturan Kepala Daerah",
               "type": "kegiatan", "properties": [{"pid": "kode_pemda", "v": "11.01"}]},
    }  # fmt: skip
    status, headers, body = post(f"{base}/reconcile", queries=json.dumps(queries))
    assert status == 200 and headers["content-type"].startswith("application/json")
    answers = json.loads(body)
    assert set(answers) == set(queries)
    first = answers["q0"]["result"]
    assert len(first) == 3
    assert first[0]["id"] == "5.03.02.2.04.0007" and first[0]["match"] is True
    assert first[0]["name"] == "Pembinaan Disiplin ASN" and first[0]["score"] == 100
    assert first[0]["type"] == [{"id": "sub_kegiatan", "name": "Sub Kegiatan"}]
    assert "kab/kota" in first[0]["description"]
    assert not any(r["match"] for r in first[1:])
    assert [r["score"] for r in first] == sorted((r["score"] for r in first), reverse=True)
    assert answers["q1"]["result"][0]["id"] == "5.03.01.2.02.0001"
    assert answers["q1"]["result"][0]["match"] is True
    # The same name under several codes: candidates, none a match.
    assert answers["q2"]["result"] and not any(r["match"] for r in answers["q2"]["result"])
    assert answers["q3"] == {"result": []}  # a prefix the nomenclature does not have
    assert answers["q4"]["result"][0]["id"] == "1.05.02.2.02"
    assert answers["q5"]["result"][0]["id"] == "7.01.04.7.04"


def test_a_get_query_a_single_query_and_jsonp(base: str) -> None:
    queries = json.dumps({"q0": {"query": "Pengadaan Mebel", "type": "sub_kegiatan"}})
    status, headers, body = get(f"{base}/reconcile", queries=queries, callback="jsonp123")
    assert status == 200 and headers["content-type"].startswith("application/javascript")
    text = body.decode()
    assert text.startswith("jsonp123(") and text.endswith(");")
    assert json.loads(text[len("jsonp123(") : -2])["q0"]["result"][0]["name"] == "Pengadaan Mebel"
    status, _, body = get(f"{base}/reconcile", query="Pembinaan Disiplin Pegawai")
    assert json.loads(body)["result"][0]["name"] == "Pembinaan Disiplin ASN"
    single = json.dumps({"query": "Pembinaan Disiplin Pegawai", "limit": 1})
    assert len(json.loads(post(f"{base}/reconcile", query=single)[2])["result"]) == 1


def test_bad_queries_get_one_clear_line(base: str) -> None:
    status, _, body = post(f"{base}/reconcile", queries="{not json")
    assert status == 400 and json.loads(body)["error"].startswith("Parameter 'queries' bukan JSON")
    status, _, body = post(f"{base}/reconcile", queries="[1, 2]")
    assert status == 400


def test_preview_and_flyout_show_an_entry(base: str) -> None:
    status, headers, body = get(f"{base}/preview", id="5.03.02.2.04.0007")
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert "Pembinaan Disiplin ASN" in html and "5.03.02.2.04.0007" in html
    assert "Jumlah ASN yang Mendapatkan Pembinaan Kedisiplinan" in html
    status, _, _ = get(f"{base}/preview", id="9.99.99")
    assert status == 404
    status, _, body = get(f"{base}/flyout/entity", id="5.03.01.2.02.0001")
    flyout = json.loads(body)
    assert flyout["id"] == "5.03.01.2.02.0001"
    assert "Penyediaan Gaji dan Tunjangan ASN" in flyout["html"]
    assert "<script" not in get(f"{base}/preview", id="<script>")[2].decode()


def test_suggest_entities_types_and_properties(base: str) -> None:
    by_code = json.loads(get(f"{base}/suggest/entity", prefix="5.03.02.2.04")[2])["result"]
    assert by_code and all(r["id"].startswith("5.03.02.2.04") for r in by_code)
    assert len(by_code) == 10  # one page
    page_two = json.loads(get(f"{base}/suggest/entity", prefix="5.03.02.2.04", cursor="10")[2])
    assert {r["id"] for r in page_two["result"]}.isdisjoint(r["id"] for r in by_code)
    by_name = json.loads(get(f"{base}/suggest/entity", prefix="Disiplin Pegawai")[2])["result"]
    assert "5.03.02.2.04.0007" in {r["id"] for r in by_name}
    types = json.loads(get(f"{base}/suggest/type", prefix="keg")[2])["result"]
    assert [t["id"] for t in types] == ["sub_kegiatan", "kegiatan"]
    properties = json.loads(get(f"{base}/suggest/property", prefix="within")[2])["result"]
    assert [p["id"] for p in properties] == ["within"]


def test_the_command_serves_until_stopped(tmp_path: Path) -> None:
    need(REFERENCE)
    port = free_port()
    renja = Path(sys.executable).with_name("renja")
    process = subprocess.Popen(
        [str(renja), "reconcile", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                manifest = json.loads(get(f"http://{HOST}:{port}/reconcile")[2])
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "renja reconcile did not start"
                time.sleep(0.2)
        assert manifest["versions"] == ["0.2"]
        busy = subprocess.run(
            [str(renja), "reconcile", "--port", str(port)], capture_output=True, text=True
        )
        assert busy.returncode == 1
        assert busy.stderr.strip() == f"Galat: Port {port} di {HOST} sudah dipakai; pilih port " \
            "lain dengan --port."
    finally:
        process.terminate()
        process.wait(timeout=10)
