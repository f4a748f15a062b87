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
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # a reader that went away (a closed pipe): nothing more to tell it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the flush on the way out is quiet
    sys.exit(code)
