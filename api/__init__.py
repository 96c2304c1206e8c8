"""govkg.api: the HTTP API (app factory, routers per resource, dependencies, problem+json, middleware)."""
