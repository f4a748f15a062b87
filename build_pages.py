#!/usr/bin/env python3
"""Build the site's pages from the YAML summaries in seeds/.

    python build_pages.py           validate seeds/, then write docs/ pages and schema/ files that changed
    python build_pages.py --check   validate and fail if any generated file is stale; write nothing
    python build_pages.py --github  also print problems as GitHub Actions annotations

The stages live in record_builder/: load -> validate -> record -> render -> write.
"""

import os
import sys

from record_builder.cli import main

if __name__ == "__main__":
    code = main()
    # Leave without tearing the interpreter down: freeing a large record's millions of
    # objects one by one took 0.4 s at 10,000 events, and by now every file is written and
    # closed and every worker joined; only the standard streams remain to flush (mypy
    # exits the same way).
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader that went away (a closed pipe): nothing more to tell it
        pass
    os._exit(code)
