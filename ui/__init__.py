"""Everything a person touches: Qt windows, pages, dialogs, workers, and the CLI."""
