"""Development key pairs: ``python -m services.common.keys generate [DIR]``.

Writes ``<service>.pem`` (private) and ``<service>.pub`` (public) for each service that lacks
them. Production keys come from a secret store (HEARD_<SERVICE>_SIGNING_KEY and _TRUSTED_KEYS).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from services.common.settings import VAR_DIR
from services.common.tokens import generate_private_key_pem, public_key_pem

SERVICES = ("portal", "feedback", "actions")


def generate(directory: Path, services: tuple[str, ...] = SERVICES) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for service in services:
        private = directory / f"{service}.pem"
        if private.exists():
            continue
        pem = generate_private_key_pem()
        private.write_text(pem)
        os.chmod(private, 0o600)
        (directory / f"{service}.pub").write_text(public_key_pem(pem))
        written.append(private)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] != "generate":
        print("usage: python -m services.common.keys generate [DIR]", file=sys.stderr)
        return 2
    directory = Path(argv[1]) if len(argv) > 1 else VAR_DIR / "keys"
    for path in generate(directory):
        print(f"created {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
