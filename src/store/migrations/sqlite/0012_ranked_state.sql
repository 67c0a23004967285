-- Loa schema 12: which state of the ranked index (store/ranked_index.h) this database was last
-- in step with. Each batch the index takes in gets a new random generation, written to the
-- index and, in the same transaction as the batch's removal from ranked_queue, here. A
-- database put back from a backup, or an index directory copied from elsewhere, no longer
-- agrees: the index is then rebuilt from every article instead of answering with a past.

CREATE TABLE ranked_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation TEXT NOT NULL
);
