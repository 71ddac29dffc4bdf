"""Measure the validator on this hold-out set: python evals/holdout/run.py [--only NAME] [--json-out FILE].

The scoring lives in evals/holdout_score.py, shared by every hold-out set.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from holdout_score import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(HERE))
