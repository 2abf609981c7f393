-- Room on each page of flow_runs for the new versions of its rows. A run is updated several times in
-- a few milliseconds (started, its chain written, finished); an update that changes no indexed column
-- (a move that keeps the run's lease: flows/src/server/run-lease.ts) can then be a HOT update, which
-- adds no entry to the table's seven indexes, and its old version is pruned in place. With full pages
-- every update added seven entries (which stay until a vacuum) and a tuple on another page.
-- Measured (`bench:flows`, 4,800 runs): HOT updates 2,076 at fillfactor 80, 3,091 at 70, 4,820 (every
-- chain write) at 50; the table was smaller at 50 (817 pages) than at 70 (957): pruned space is reused.
ALTER TABLE flow_runs SET (fillfactor = 50);
