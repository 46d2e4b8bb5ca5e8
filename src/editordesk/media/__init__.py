"""Media the stories use: image files and their metadata, tweets."""
