"""govkg.api: the HTTP API and the hierarchy pages."""
