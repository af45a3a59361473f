-- A random id for this database, so data derived from it and kept beside it
-- (the graph file) is never taken for another database's.
CREATE TABLE store_instance (id TEXT NOT NULL);
INSERT INTO store_instance (id) VALUES (md5(random()::text || clock_timestamp()::text));
