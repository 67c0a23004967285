-- Loa schema 10: who raised an article's risk flag — the word list ('lexicon'), the model
-- learnt from the coordinator's decisions ('model', work/risk.h) or the coordinator herself
-- ('person') — so the screens can say why it is there. Flags raised before are the lexicon's.
-- 'model' without a flag: the model lifted the word list's flag (not learnt from as an
-- article nobody flagged).

ALTER TABLE articles ADD COLUMN risk_by TEXT;
UPDATE articles SET risk_by = 'lexicon' WHERE risk IS NOT NULL;
