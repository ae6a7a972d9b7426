"""One module per non-English language: its ``PROFILE`` (see ``languages.LanguageProfile``)."""
