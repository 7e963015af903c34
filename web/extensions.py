"""Flask extensions, created unbound and attached to the app in create_app()."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf import CSRFProtect


def client_key() -> str:
    """A rate-limit key for the client that is not its address: the address is kept nowhere,
    not even in the limiter's counters (anonymous complainants must leave no trace)."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    address = (request.remote_addr or "").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
limiter = Limiter(key_func=client_key, default_limits=[])
