class ExtractionInputError(ValueError):
    """The input cannot be read as an article; the message says what to do about it."""
