"""`python -m ishowtts_worker`: run the stdio worker (see server.main)."""

from ishowtts_worker.server import main

if __name__ == "__main__":
    raise SystemExit(main())
