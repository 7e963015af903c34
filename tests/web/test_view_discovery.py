"""View modules join their blueprint by existing: nothing keeps a list of them, and importing the
web packages imports no view until an app is built."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return done.stdout.strip()


def test_importing_the_packages_imports_no_view() -> None:
    out = run(
        """
        import sys
        import web, web.citizen, web.officer
        views = ("web.officer.case_views", "web.officer.admin_offices", "web.citizen.track")
        print(sorted(name for name in views if name in sys.modules))
        """
    )
    assert out == "[]"


BLUEPRINTS = {"officer": "web.officer.blueprints", "citizen": "web.citizen.blueprint"}


def test_a_new_view_module_is_registered_when_the_app_is_built(tmp_path: Path) -> None:
    for side, blueprint in BLUEPRINTS.items():
        (tmp_path / side).mkdir()
        view = f"""
            from {blueprint} import bp

            @bp.get("/extra-{side}")
            def extra() -> str:
                return "extra {side}"
            """
        (tmp_path / side / "extra_views.py").write_text(textwrap.dedent(view), encoding="utf-8")
    out = run(
        f"""
        from dataclasses import replace
        from pathlib import Path
        import web.citizen, web.officer
        web.officer.__path__.append({str(tmp_path / "officer")!r})
        web.citizen.__path__.append({str(tmp_path / "citizen")!r})
        from grs.processes.config import Settings
        from grs.processes.runtime import Runtime
        from web import create_app
        settings = replace(Settings(), database_url="sqlite://", root=Path({str(ROOT)!r}))
        app = create_app({{"SECRET_KEY": "x"}}, runtime=Runtime.from_settings(settings))
        print(sorted(r.rule for r in app.url_map.iter_rules() if "extra" in r.rule))
        print(app.test_client().get("/extra-citizen").text)
        """
    )
    assert out.splitlines() == ["['/extra-citizen', '/officer/extra-officer']", "extra citizen"]
