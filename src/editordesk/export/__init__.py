"""Writers: the document tree out as HTML pages and fragments, and as Word documents."""
