"""Run inside .venv-superset by test_cache_config.py: Superset's cache settings from
dashboards/superset_config.py, put to work with flask-caching as Superset does (Flask app,
``Cache(app, config=...)``): a chart cached, serving replaced the way publish replaces it, the
chart asked for again. Prints one JSON line."""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path

from flask import Flask
from flask_caching import Cache

config = runpy.run_path(sys.argv[1])
serving = Path(sys.argv[2])
out: dict[str, object] = {}
for name in ("DATA_CACHE_CONFIG", "THUMBNAIL_CACHE_CONFIG", "CACHE_CONFIG"):
    app = Flask(name)
    cache = Cache(app, config=config[name])
    with app.app_context():
        cache.set("chart-1", {"rows": 19})
        before = cache.get("chart-1")
        new = serving.with_name(serving.name + ".tmp-probe")
        new.write_bytes(serving.read_bytes() + b"\0")
        os.replace(new, serving)  # what publish does: a new file renamed into place
        after = cache.get("chart-1")
        cache.set("chart-1", {"rows": 20})
        out[name] = {
            "type": config[name]["CACHE_TYPE"],
            "before": before,
            "after_publish": after,
            "recached": cache.get("chart-1"),
        }
out["filter_state_configured"] = "FILTER_STATE_CACHE_CONFIG" in config
print(json.dumps(out))
