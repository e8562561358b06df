"""`make bench`: every benchmark, printed as one JSON object per benchmark."""

from __future__ import annotations

import json
import sys

from bench import digest, extraction, ner, queries, sources, startup, webhook


def main() -> None:
    only = {arg for arg in sys.argv[1:] if not arg.isdigit()}  # `sources 200 20`: sizes for that one
    for name, module in (
        ("extraction", extraction),
        ("queries", queries),
        ("digest", digest),
        ("webhook", webhook),
        ("ner", ner),
        ("sources", sources),
        ("startup", startup),
    ):
        if only and name not in only:
            continue
        print(json.dumps({name: module.run()}, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
