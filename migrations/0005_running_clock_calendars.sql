-- The calendars of their own that running clocks use. Most projects clock on their deal's
-- calendar (calendar IS NULL); the daily check asks which other calendars are in use
-- without reading every running clock, and this index holds only those few projects.
CREATE INDEX project_running_calendar ON project (workspace_id, calendar, deal_code)
  WHERE stage = 'selected' AND calendar IS NOT NULL;
