"""One small module per command (or command group); each has a ``register(app)`` function."""
