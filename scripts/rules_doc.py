"""Print docs/rules.md from the checker's registry.

.venv/bin/python scripts/rules_doc.py > docs/rules.md
"""

import sys

from followup.domain.check.catalog import markdown

sys.stdout.write(markdown())
