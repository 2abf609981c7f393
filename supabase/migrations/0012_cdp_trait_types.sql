-- A trait definition says what kind of value the trait holds, so the Customers pages can show and
-- sort it as such (the merge strategy already says how values combine). Existing definitions are text.
ALTER TABLE cdp_trait_definitions
  ADD COLUMN type text NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'number', 'boolean', 'date', 'list'));
