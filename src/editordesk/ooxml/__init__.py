"""Office Open XML as the Word importer and exporter both meet it: names, package checks."""
