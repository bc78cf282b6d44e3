"""The store: documents, claims, evidence and sources in a local database.

This package is the only part of supplyline that speaks SQL. ``Store`` is the SQLite backend
(``sqlite.py``, schema and migrations in ``schema.py``); the records it returns
(``records.py``) and the JSON it keeps (``codec.py``) do not depend on SQLite, so another
backend can offer the same methods.

    with Store("supplyline.db") as store:
        store.save(doc, cleaned, claims)
        for claim in store.claims(ClaimFilter(actor="North Korea", since="2024-10-01")):
            ...
"""

from supplyline.store.records import (
    ClaimFilter,
    ClaimReport,
    DocumentRef,
    FactFilter,
    FeedState,
    SearchHit,
    StoredDocument,
    StoreError,
)
from supplyline.store.sqlite import Store

__all__ = ["ClaimFilter", "ClaimReport", "DocumentRef", "FactFilter", "FeedState", "SearchHit",
           "Store", "StoreError", "StoredDocument"]
