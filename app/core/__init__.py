"""The pure core: knowledge model, inference engine and diary domain. No web, database or template
imports (tests/knowledge/test_boundary.py keeps it so)."""
