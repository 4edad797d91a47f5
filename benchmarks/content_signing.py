"""Signing and verifying content archives (`make bench`): the shipped SRO FAQ's archive,
and a 5,000-question one, each signed and verified with Ed25519 (kiosk.content.signing).

Reported, per archive: its size, the median of 50 signings and of 50 signature checks
(the whole file hashed each time), and the peer measured in the same run: the archive
check the kiosk makes anyway (`archive.verify`, every member's SHA-256). Also the
one-time cost of loading the `cryptography` library in a fresh interpreter (import time
and resident memory), which a kiosk pays only when its config names a public key.
Writes benchmarks/results/signing.json and prints a table.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "signing.json"
REPEATS = 50
LARGE = 5000

_IMPORT_PROBE = """
import time
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])
before, started = rss(), time.perf_counter()
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
Ed25519PublicKey.from_public_bytes(bytes(32))
print((time.perf_counter() - started) * 1000, rss() - before)
"""


def median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def measure(archive: Path, key: Path) -> dict[str, float]:
    from kiosk.content.archive import verify
    from kiosk.content.signing import parse_public_key, read_private_key, sign, signature_problem

    private = read_private_key(key)
    public = parse_public_key(key.with_name(key.name + ".pub").read_text(encoding="ascii"))
    sign_ms = median_ms(lambda: sign(archive, private))
    assert signature_problem(archive, public) is None
    return {
        "archive_bytes": archive.stat().st_size,
        "sign_ms": sign_ms,
        "verify_signature_ms": median_ms(lambda: signature_problem(archive, public)),
        "peer_archive_verify_ms": median_ms(lambda: verify(archive), 10),
    }


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bundle_load import write_bundle

    from kiosk.content.archive import pack
    from kiosk.content.signing import generate_key
    from kiosk.system import resources

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        key = work / "bench.key"
        generate_key(key)
        shipped = work / "shipped.faqbundle"
        pack(resources.content_dir(), shipped)
        results["shipped"] = measure(shipped, key)
        write_bundle(work / "large", LARGE)
        large = work / "large.faqbundle"
        pack(work / "large", large)
        results[f"{LARGE}_questions"] = measure(large, key)
    probe = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True
    )
    import_ms, rss_kb = probe.stdout.split()
    results["cryptography_import_ms"] = float(import_ms)
    results["cryptography_rss_kb"] = int(rss_kb)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'archive':<16}{'bytes':>10}{'sign ms':>10}{'check ms':>10}{'peer ms':>10}")
    for name in ("shipped", f"{LARGE}_questions"):
        row = results[name]
        assert isinstance(row, dict)
        print(
            f"{name:<16}{row['archive_bytes']:>10}{row['sign_ms']:>10.2f}"
            f"{row['verify_signature_ms']:>10.2f}{row['peer_archive_verify_ms']:>10.2f}"
        )
    print(f"cryptography: {import_ms} ms to import, +{rss_kb} kB resident (once, with a key)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
