"""`python -m tooling.identity_provider --config config/almere --data .wijk/almere --port 8100`

Serves the provider with waitress (a production WSGI server, pure Python) until SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import waitress

from tooling.identity_provider.app import create_app
from tooling.identity_provider.seed import SeedError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tooling.identity_provider", description=__doc__)
    parser.add_argument("--config", type=Path, required=True, help="the municipality's configuration folder")
    parser.add_argument("--data", type=Path, required=True, help="the data folder (keys and credentials)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--issuer", default="", help="the issuer URL (default http://HOST:PORT)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    issuer = args.issuer or f"http://{args.host}:{args.port}"
    try:
        app = create_app(args.config, args.data, issuer)
    except (SeedError, OSError, ValueError) as exc:
        print(f"identity provider: {exc}", file=sys.stderr)
        return 2
    print(f"identity provider {issuer} serving {args.config}", flush=True)
    waitress.serve(app, host=args.host, port=args.port, threads=4, ident="wijk-identity", _quiet=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
