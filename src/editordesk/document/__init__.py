"""A story body as one tree: Markdown plus figure and tweet shortcodes."""
