"""Read an article about a music video and pull out the facts it states, with evidence.

A pipeline of small components over one `Document`, in the manner of spaCy: reading (HTML,
Markdown or text to plain text), sentences, people, titles, dates, credits, videos, references
and the look of the video. Each component adds spans or facts; `assemble` turns the document
into the `deepcuts.extract/1` JSON contract (see shared/contracts/extract-json.md).

Pure Python: nothing here imports Django, so the CLI and the tests need no database.
"""
from .errors import ExtractionInputError
from .pipeline import Gazetteer, extract, extract_document

__all__ = ["ExtractionInputError", "Gazetteer", "extract", "extract_document"]
