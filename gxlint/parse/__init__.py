"""Text → Document: line segmentation and classification (lines.py), outline grammar (outline.py)."""
