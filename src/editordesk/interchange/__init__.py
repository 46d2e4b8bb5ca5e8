"""Stories in other people's formats: Markdown with front matter, Word files."""
