"""`make bench`: every benchmark, printed as one JSON object per benchmark."""

from __future__ import annotations

import json
import sys

from bench import digest, extraction, ner, queries, webhook


def main() -> None:
    only = set(sys.argv[1:])
    for name, module in (
        ("extraction", extraction),
        ("queries", queries),
        ("digest", digest),
        ("webhook", webhook),
        ("ner", ner),
    ):
        if only and name not in only:
            continue
        print(json.dumps({name: module.run()}, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
