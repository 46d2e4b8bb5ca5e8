"""The visual body editor: the story as it will read, over a QTextDocument built from the
document tree and written back to the canonical Markdown body."""
