"""Flask extensions, created unbound and attached to the app in create_app()."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
# Limits are per client address, held in the limiter's storage only; never logged or stored
# with a complaint.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
