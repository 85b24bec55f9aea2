"""Admin writes to a live `haitao serve` while its disk fills up (issue 12, finding 2).

A commit that failed used to leave tantivy's writer broken: the failing batch got a generic 500, and after space was
freed `POST` answered `{"indexed": 1}` for products that never appeared, not even after a restart, while /readyz
said ready throughout. Now a write is acknowledged only once committed and read back; after a failed commit the
server refuses writes with 503 and /readyz reports not ready with the reason (never a path), until it finds room to
write again, reopens the writer at the last commit and verifies the index. Both tests fill, fail, free and write
again, then restart the server: every acknowledged product is there, every acknowledged delete is gone.

The file-size limit (RLIMIT_FSIZE on the server process, raised from outside with prlimit to "free" it) runs
everywhere; the full disk is a real tmpfs, where one can be mounted (as root).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

KEY = "full-disk-admin-key"
AUTH = {"X-API-Key": KEY}
WORDS = "charger cable kettle thermos earbuds blender lamp tent stroller vitamin serum backpack".split()


def products(prefix: str, count: int, description_chars: int = 0, seed: int = 0) -> list[dict]:
    """Catalog records; long descriptions of random letters (incompressible enough to fill files fast)."""
    rng = random.Random(f"{prefix}{seed}")
    records = []
    for n in range(count):
        description = " ".join(
            "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
            for _ in range(description_chars // 7)
        )[:description_chars]
        records.append(
            {
                "id": f"{prefix}-{n}",
                "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} lot {prefix} {n}",
                "price": round(5 + rng.random() * 200, 2),
                "description": description,
            }
        )
    return records


class Catalog:
    """What the server acknowledged: the products it said it indexed, the ids it said it deleted."""

    def __init__(self, url: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=300, headers=AUTH)
        self.acknowledged: dict[str, dict] = {}
        self.deleted: set[str] = set()

    def post(self, batch: list[dict]) -> httpx.Response:
        response = self.http.post("/v1/admin/products", json=batch)
        assert response.status_code in (200, 503), response.text  # never a 500, never an unexplained failure
        if response.status_code == 200:
            body = response.json()
            assert body["rejected"] == 0, body
            assert body["indexed"] + body["unchanged"] == len(batch)
            for record in batch:
                self.acknowledged[record["id"]] = record
                self.deleted.discard(record["id"])
        else:
            assert response.headers["Retry-After"] == "10"
        return response

    def delete(self, product_id: str) -> None:
        response = self.http.delete(f"/v1/admin/products/{product_id}")
        assert response.status_code == 200, response.text
        self.deleted.add(product_id)
        self.acknowledged.pop(product_id)

    def readiness(self) -> tuple[int, dict]:
        response = self.http.get("/readyz")
        return response.status_code, response.json()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while (status := self.readiness())[0] != 200:
            assert time.monotonic() < deadline, f"still not ready: {status}"
            time.sleep(0.5)


def assert_all_there(url: str, catalog: Catalog, baseline: int) -> None:
    """After a restart: every acknowledged product reads back as sent, every acknowledged delete is gone."""
    with httpx.Client(base_url=url, timeout=60) as http:
        for product_id, record in catalog.acknowledged.items():
            response = http.get(f"/v1/products/{product_id}")
            assert response.status_code == 200, f"{product_id} was acknowledged and is lost"
            assert response.json()["product"]["title"] == record["title"]
        for product_id in catalog.deleted:
            assert http.get(f"/v1/products/{product_id}").status_code == 404
        ready = http.get("/readyz").json()
        assert ready["ready"] and ready["products"] == baseline + len(catalog.acknowledged)


def assert_reason_without_path(message: str, data: Path, *causes: str) -> None:
    assert any(cause in message for cause in causes), message
    assert str(data) not in message and str(data.resolve()) not in message and "/tmp" not in message, message


def test_a_file_size_limit_refuses_writes_until_lifted_and_loses_nothing_acknowledged(serve, small_settings, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(small_settings.data_dir, data)
    limit = 128 * 1024

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-limit write fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    with serve(data, tmp_path / "server.log", preexec_fn=limit_file_size, HAITAO_ADMIN_API_KEY=KEY) as server:
        catalog = Catalog(server.url)
        for n in range(3):
            assert catalog.post(products(f"small{n}", 2)).status_code == 200
        big = products("big", 40, description_chars=4000)
        refused = catalog.post(big)
        assert refused.status_code == 503, refused.text
        assert_reason_without_path(refused.json()["error"]["message"], data, "File too large")
        status, readiness = catalog.readiness()
        assert status == 503 and not readiness["ready"]
        assert_reason_without_path(readiness["message"], data, "File too large")
        assert catalog.post(products("meanwhile", 1)).status_code == 503  # refused until the index can be written
        assert catalog.http.delete("/v1/admin/products/small0-0").status_code == 503  # deletes wait too
        server_log = server.log_text()

        resource.prlimit(server.process.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)  # "freed"
        catalog.wait_ready()
        assert catalog.post(big).status_code == 200
        assert catalog.post(products("meanwhile", 1)).status_code == 200
        catalog.delete("small1-1")
        assert server.alive()
    assert "Traceback" not in server_log

    with serve(data, tmp_path / "restarted.log") as server:
        assert_all_there(server.url, catalog, baseline=26)


def _mount(target: Path, options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    target.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], check=False).returncode == 0


def test_a_full_disk_refuses_writes_until_space_is_freed_and_loses_nothing_acknowledged(
    serve, small_settings, tmp_path
):
    point = tmp_path / "mnt"
    used = sum(f.stat().st_size for f in small_settings.data_dir.rglob("*") if f.is_file())
    # Room for the first products and, whether or not the copied embedding cache holds them, the vectors of the
    # taxonomy's node names, which the server's first write may embed and keep there (≈ 1.5 MB, twice: the SQLite
    # file and its write-ahead log); embedded only when a product needs them, they are not always in the copy.
    if not _mount(point, f"size={used // 1024 + 768 + 4096}k"):
        pytest.skip("a tmpfs cannot be mounted here (not root, or no mount permission)")
    try:
        data = point / "data"
        shutil.copytree(small_settings.data_dir, data)
        with serve(data, tmp_path / "server.log", HAITAO_ADMIN_API_KEY=KEY) as server:
            catalog = Catalog(server.url)
            assert catalog.post(products("first", 3)).status_code == 200
            for n in range(40):  # fill the disk, batch by batch, until a commit fails
                refused = catalog.post(products(f"fill{n}", 20, description_chars=3000))
                if refused.status_code == 503:
                    break
            assert refused.status_code == 503, "the tmpfs never filled up"
            assert_reason_without_path(refused.json()["error"]["message"], data, "No space left on device")
            status, readiness = catalog.readiness()
            assert status == 503 and "No space left on device" in readiness["message"]
            assert catalog.post(products("meanwhile", 1)).status_code == 503

            subprocess.run(["mount", "-o", "remount,size=64m", str(point)], check=True)  # space freed
            catalog.wait_ready()
            assert catalog.post(products("after", 5, description_chars=3000)).status_code == 200
            assert catalog.post(products("meanwhile", 1)).status_code == 200
            catalog.delete("first-0")
            assert server.alive() and "Traceback" not in server.log_text()

        with serve(data, tmp_path / "restarted.log", HAITAO_RATE_LIMIT_PER_MINUTE="0") as server:  # reads back all
            assert_all_there(server.url, catalog, baseline=26)
    finally:
        subprocess.run(["umount", "--lazy", str(point)], check=False)
