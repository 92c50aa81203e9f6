"""Judge: the decisions about an article, as plain functions.

- ``query``: the one boolean query language (lexer, strict and lenient parser, FTS5 translator);
- ``topics``: is an article on topic, with which terms and score;
- ``dedup``: text hashes, MinHash signatures and the duplicate verdict
  (:func:`~newscrawl.judge.dedup.dedup_verdict`).
"""
