-- The edge (issue 15): each cache node's place in the change log. The `changes` table is the
-- outbox every editorial write already fills in its own transaction; the purger in `serve` sends
-- each node the keys of the changes after its cursor (HTTP PURGE, xkey) and moves the cursor only
-- when the node has answered, so purges survive restarts and kill -9. A node that falls behind the
-- pruned log, or too far, is sent one purge of everything instead.
CREATE TABLE purge_cursors (
  node TEXT PRIMARY KEY,
  change_id INTEGER NOT NULL CHECK (change_id >= 0),
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
