"""``handouts.pdf`` as it was before the package was laid out by stage, for scripts written
against it: ../shared/peer-bench/vs_project.py, the side-by-side run against typst that
issue 16 is judged by, imports ``page_count`` from here. New code uses ``handouts.build``."""

from handouts.build import page_count

__all__ = ["page_count"]
