-- A document's version and stamp readable without its text (issue 13). SQLite stores a row's columns in order and a long
-- text's tail on a chain of overflow pages; key1, key2, updated_at and stamp come after json, so reading any of them
-- walked the whole chain (a workshop with nine 40-idea boards is 137 KB, 34 pages), on every vote, even when the text
-- was not wanted. The document read looks the row up in this index, which covers the version and the stamp, and reads
-- the table row only when its text is not the one kept. PostgreSQL keeps a long text apart from the row already.
CREATE UNIQUE INDEX ix_documents_current ON documents (collection, id, version, stamp);
