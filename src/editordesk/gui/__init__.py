"""The workstation window (PySide6). Everything here is thin: it shows, collects and calls the
services; the rules live below it."""
