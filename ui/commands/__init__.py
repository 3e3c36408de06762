"""The command-line interface, one module per area (a package, so the layer contracts see it)."""
