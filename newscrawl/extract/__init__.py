"""Extract: a fetched page -> clean text, metadata and dates (pure functions, run in a process pool).

- ``article``: the entry point, :func:`~newscrawl.extract.article.extract_article`;
- ``decode``: bytes -> text -> HTML tree;
- ``metadata``: what the markup says (JSON-LD, meta tags, trafilatura's metadata);
- ``fields``: titles, authors, language and canonical URL chosen and cleaned;
- ``bylines``: a byline's text read into names (for ``fields``' authors);
- ``text``: the main text (trafilatura, with a recall fallback; link lists refused);
- ``dates``: raw dates and pages -> UTC datetimes with provenance;
- ``pagetype``: one article, or a listing?;
- ``urls``: canonical URLs (tracking parameters, AMP, rel=canonical).
"""
