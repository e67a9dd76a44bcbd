-- PostgreSQL only (lz4 compression of stored answers and documents): SQLite does not compress values.
SELECT 1;
