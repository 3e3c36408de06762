"""The application: one module per capability, plain Python, no Qt."""
