-- Project numbers come from a counter row per workspace, raised by the adding transaction
-- itself. Taking max(number) + 1 let two transactions (two replicas adding at once) pick
-- the same number, and the second failed on UNIQUE (workspace_id, number). Raising the
-- counter locks its row until commit, so concurrent adds to one workspace take their
-- numbers in turn and never collide; a rolled-back add leaves no gap.
CREATE TABLE project_number_counter (
  workspace_id text PRIMARY KEY REFERENCES workspace (id),
  -- The highest number handed out in the workspace.
  last_number  integer NOT NULL CHECK (last_number >= 0)
);

-- Existing workspaces continue after their highest number.
INSERT INTO project_number_counter (workspace_id, last_number)
SELECT workspace_id, max(number) FROM project GROUP BY workspace_id;
